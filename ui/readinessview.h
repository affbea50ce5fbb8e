// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/readinessclass.h"

#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QBarCategoryAxis;
class QBarSet;
class QHorizontalBarSeries;
class QValueAxis;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace smtpauth {

class ConsoleSession;
class CutoffReadiness;
class MailboxTableModel;
class ReadinessTableModel;

// The Readiness tab (readiness.md §2–§3): the headline (who breaks at the cutoff, days left), a chart of the
// mailboxes per readiness class, the sources with their periods and states, and the table of every
// mailbox with its class, evidence and advice; filters by class, search, sort. It acts only through
// the existing paths: stale exceptions are staged "Reset to inherit" and go through the review, with a
// reason, into the journal; the list is exported for the device owners.
class ReadinessView : public QWidget
{
    Q_OBJECT
public:
    ReadinessView(ConsoleSession *session, MailboxTableModel *mailboxes, QWidget *parent = nullptr);

    // Tests and tools/screenshottool.cpp reach the widgets through findChild on their object names.

    // Without dialogs (tests, drag and drop): false and *problem when it did not work.
    bool importSmtpAuthReport(const QString &path, QString *problem);
    enum class ExportFormat
    {
        Csv,
        Json,
        Pdf
    };
    bool exportShown(const QString &path, ExportFormat format, QString *problem) const;

public Q_SLOTS:
    // With the file dialogs (the buttons, the File menu).
    void chooseImport();
    void chooseExport(ExportFormat format);

Q_SIGNALS:
    // Changes were staged here; the window opens the review.
    void reviewRequested();
    void status(const QString &message);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // What the sources named that matches no mailbox, one line per source and identifier.
    QString unmatchedText() const;
    void showReport();
    void updateChart();
    void updateActions();
    void stageResetToInherit();
    void showProblemBox(const QString &title, const QString &problem);

    ConsoleSession *m_session;
    CutoffReadiness *m_readiness;
    MailboxTableModel *m_mailboxes;
    ReadinessTableModel *m_model;
    QLabel *m_headline = nullptr;
    QLabel *m_sources = nullptr;
    QLabel *m_shownCount = nullptr;
    QChart *m_chart = nullptr;
    QChartView *m_chartView = nullptr;
    QHorizontalBarSeries *m_series = nullptr; // owned by m_chart, as are the bars and the axes
    QBarSet *m_bars = nullptr;
    QBarCategoryAxis *m_classAxis = nullptr;
    QValueAxis *m_countAxis = nullptr;
    QComboBox *m_period = nullptr;
    QSpinBox *m_signInDays = nullptr;
    QPushButton *m_readAgain = nullptr;
    QComboBox *m_classChoice = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_view = nullptr;
    QPushButton *m_resetToInherit = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_unmatched = nullptr;
};

} // namespace smtpauth
