// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QUrl>
#include <functional>

class QTcpSocket;

namespace smtpauth::test {

// What the client actually put on the wire.
struct RecordedRequest
{
    QByteArray method;
    QByteArray target;                     // path and query, as sent
    QHash<QByteArray, QByteArray> headers; // keys lower-cased
    QByteArray body;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QString path() const;
};

struct ScriptedResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool hold = false; // keep the request open until releaseHeld()

    static ScriptedResponse json(int status, const QByteArray &body,
                                 QList<QPair<QByteArray, QByteArray>> headers = {});
    static ScriptedResponse held();
};

// A tiny real HTTP/1.1 server on 127.0.0.1, port 0, for client tests: it records every request and
// answers with what the test's handler returns (or holds the request open). Keep-alive aware.
class ScriptedHttpServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<ScriptedResponse(const RecordedRequest &request, int index)>;

    explicit ScriptedHttpServer(QObject *parent = nullptr);
    bool listen();
    QUrl baseUrl() const;
    void setHandler(Handler handler) { m_handler = std::move(handler); }

    const QList<RecordedRequest> &requests() const { return m_requests; }
    int requestCount() const { return int(m_requests.size()); }
    int heldCount() const { return int(m_held.size()); }
    int openCount() const { return m_open; }
    int maxConcurrent() const { return m_maxConcurrent; }
    // Answers every request currently held.
    void releaseHeld(const ScriptedResponse &response);

Q_SIGNALS:
    void requestReceived(int index);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const ScriptedResponse &response);

    QTcpServer m_server;
    Handler m_handler;
    QList<RecordedRequest> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<QTcpSocket *> m_held;
    int m_open = 0;
    int m_maxConcurrent = 0;
};

} // namespace smtpauth::test
