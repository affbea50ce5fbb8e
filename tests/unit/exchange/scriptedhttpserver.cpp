// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "scriptedhttpserver.h"

#include <QTcpSocket>
#include <QUrl>

namespace smtpauth::test {

QString RecordedRequest::path() const
{
    return QUrl::fromEncoded(target).path();
}

ScriptedResponse ScriptedResponse::json(int status, const QByteArray &body,
                                        QList<QPair<QByteArray, QByteArray>> headers)
{
    ScriptedResponse response;
    response.status = status;
    response.body = body;
    response.headers = std::move(headers);
    response.headers.append(
        qMakePair(QByteArray("Content-Type"),
                  QByteArray("application/json;odata.metadata=minimal;odata.streaming=true")));
    return response;
}

ScriptedResponse ScriptedResponse::held()
{
    ScriptedResponse response;
    response.hold = true;
    return response;
}

ScriptedHttpServer::ScriptedHttpServer(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &ScriptedHttpServer::onNewConnection);
    m_handler = [](const RecordedRequest &, int) { return ScriptedResponse::json(200, R"({"value":[]})"); };
}

bool ScriptedHttpServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl ScriptedHttpServer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server.serverPort());
    return url;
}

void ScriptedHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            // A client that gives up (timeout, abort) closes the connection of a held request.
            if (m_held.removeAll(socket) > 0)
                --m_open;
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void ScriptedHttpServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        RecordedRequest request;
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                       lines.at(i).mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length").toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);

        const int index = int(m_requests.size());
        m_requests.append(request);
        ++m_open;
        m_maxConcurrent = std::max(m_maxConcurrent, m_open);
        const ScriptedResponse response = m_handler(request, index);
        Q_EMIT requestReceived(index);
        if (response.hold)
            m_held.append(socket);
        else
            respond(socket, response);
    }
}

void ScriptedHttpServer::respond(QTcpSocket *socket, const ScriptedResponse &response)
{
    --m_open;
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " Scripted\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &header : response.headers)
        out += header.first + ": " + header.second + "\r\n";
    out += "\r\n" + response.body;
    socket->write(out);
}

void ScriptedHttpServer::releaseHeld(const ScriptedResponse &response)
{
    const QList<QTcpSocket *> held = std::exchange(m_held, {});
    for (QTcpSocket *socket : held)
        respond(socket, response);
}

} // namespace smtpauth::test
