// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/whypanel.h"

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace smtpauth {

namespace {

// Colour is a help, never the only carrier: the effect is always written out as well.
QString effectStyle(LayerEffect effect)
{
    switch (effect) {
    case LayerEffect::Allows:
        return QStringLiteral("color: #1e7b34;");
    case LayerEffect::Blocks:
        return QStringLiteral("color: #b3261e; font-weight: bold;");
    case LayerEffect::BlocksSome:
        return QStringLiteral("color: #a35a00; font-weight: bold;");
    case LayerEffect::Unknown:
        return QStringLiteral("color: #6b6b6b; font-style: italic;");
    }
    return {};
}

QString verdictText(const QString &title, const ReadinessVerdict &verdict)
{
    QString text = QStringLiteral("<b>%1</b> %2")
                       .arg(title.toHtmlEscaped(), displayText(verdict.verdict).toHtmlEscaped());
    if (verdict.decidedBy)
        text += QStringLiteral(" — ") +
                WhyPanel::tr("decided by %1").arg(displayText(*verdict.decidedBy)).toHtmlEscaped();
    else if (verdict.verdict == Verdict::Unknown && verdict.firstUnknown)
        text += QStringLiteral(" — ") +
                WhyPanel::tr("%1 is not known").arg(displayText(*verdict.firstUnknown)).toHtmlEscaped();
    return text;
}

} // namespace

WhyPanel::WhyPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("whyPanel"));
    setAccessibleName(tr("Why this mailbox can or cannot send"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // Wrapped words, never a sideways scroll: the details are sentences.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setMinimumWidth(340);
    outer->addWidget(scroll);
    auto *content = new QWidget(scroll);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(content);

    m_title = new QLabel(tr("Select a mailbox to see every gate that decides whether it can send."), content);
    m_title->setObjectName(QStringLiteral("whyTitle"));
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);

    m_body = new QWidget(content);
    auto *grid = new QGridLayout(m_body);
    grid->setContentsMargins(0, 0, 0, 0);
    int row = 0;
    for (ReadinessLayer layer : kReadinessLayers) {
        auto *name = new QLabel(QStringLiteral("<b>%1</b>").arg(displayText(layer).toHtmlEscaped()), m_body);
        auto *effect = new QLabel(m_body);
        effect->setObjectName(QStringLiteral("effect-%1").arg(machineName(layer)));
        auto *scope = new QLabel(displayText(layerScope(layer)), m_body);
        auto *detail = new QLabel(m_body);
        detail->setObjectName(QStringLiteral("detail-%1").arg(machineName(layer)));
        detail->setWordWrap(true);
        detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(name, row, 0);
        grid->addWidget(effect, row, 1);
        grid->addWidget(scope, row, 2);
        grid->addWidget(detail, row + 1, 0, 1, 3);
        row += 2;
        m_effects.append(effect);
        m_scopes.append(scope);
        m_details.append(detail);
    }
    auto *line = new QFrame(m_body);
    line->setFrameShape(QFrame::HLine);
    grid->addWidget(line, row++, 0, 1, 3);
    for (int i = 0; i < 3; ++i) {
        auto *verdict = new QLabel(m_body);
        verdict->setObjectName(QStringLiteral("verdict-%1").arg(i));
        verdict->setWordWrap(true);
        grid->addWidget(verdict, row++, 0, 1, 3);
        m_verdicts.append(verdict);
    }
    grid->setColumnStretch(0, 1);
    layout->addWidget(m_body);
    m_body->hide();

    m_consent = new QPushButton(tr("Allow access to readiness data…"), content);
    m_consent->setObjectName(QStringLiteral("consentButton"));
    m_consent->setToolTip(
        tr("Security defaults and Conditional Access are read from Microsoft Graph, which needs "
           "your consent once."));
    m_consent->hide();
    connect(m_consent, &QPushButton::clicked, this, &WhyPanel::consentRequested);
    layout->addWidget(m_consent);

    m_sourceNote = new QLabel(content);
    m_sourceNote->setObjectName(QStringLiteral("whySourceNote"));
    m_sourceNote->setWordWrap(true);
    m_sourceNote->setStyleSheet(QStringLiteral("color: palette(mid);"));
    layout->addWidget(m_sourceNote);
    layout->addStretch(1);
}

void WhyPanel::showMailbox(const QString &displayName, const QString &address,
                           const std::optional<MailboxReadiness> &readiness)
{
    if (!readiness) {
        m_title->setText(tr("Select a mailbox to see every gate that decides whether it can send."));
        m_body->hide();
        return;
    }
    m_title->setText(
        QStringLiteral("<b>%1</b><br>%2").arg(displayName.toHtmlEscaped(), address.toHtmlEscaped()));
    for (int i = 0; i < kReadinessLayerCount; ++i) {
        const LayerFinding &finding = readiness->layers[size_t(i)];
        m_effects[i]->setText(displayText(finding.effect));
        m_effects[i]->setStyleSheet(effectStyle(finding.effect));
        m_effects[i]->setAccessibleName(
            tr("%1: %2").arg(displayText(finding.layer), displayText(finding.effect)));
        QString detail = finding.detail;
        if (finding.changedUtc.isValid())
            detail += QLatin1Char(' ') +
                      tr("(last changed %1)")
                          .arg(QLocale().toString(finding.changedUtc.toLocalTime(), QLocale::ShortFormat));
        m_details[i]->setText(detail);
    }
    m_verdicts[0]->setText(verdictText(tr("OAuth clients:"), readiness->oauth));
    m_verdicts[1]->setText(verdictText(tr("Basic clients now:"), readiness->basicNow));
    m_verdicts[2]->setText(verdictText(tr("Basic clients after the cutoff:"), readiness->basicAfterCutoff));
    m_body->show();
}

void WhyPanel::setConsentOffered(bool offered)
{
    m_consent->setVisible(offered);
}

void WhyPanel::setSourceNote(const QString &note)
{
    m_sourceNote->setText(note);
}

} // namespace smtpauth
