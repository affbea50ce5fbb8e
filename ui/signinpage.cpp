// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/signinpage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace smtpauth {

namespace {
const QString kCustom = QStringLiteral("custom");
}

SignInPage::SignInPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("signInPage"));
    // One centred column, as wide as the form needs and no wider, in a scroll area: at 2× scale on a
    // small screen the page scrolls instead of squeezing its words. No alignment flags on the labels:
    // a word-wrapped label laid out with an alignment gets its size hint's width and a height too short
    // for it (that clipped the explanation mid-sentence).
    auto *pageLayout = new QVBoxLayout(this);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("signInScrollArea"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    pageLayout->addWidget(scroll);
    auto *content = new QWidget(scroll);
    content->setObjectName(QStringLiteral("signInContent"));
    scroll->setWidget(content);
    auto *outerRows = new QVBoxLayout(content);
    outerRows->addStretch(1);
    auto *centre = new QHBoxLayout;
    centre->addStretch(1);
    auto *columnWidget = new QWidget(content);
    columnWidget->setObjectName(QStringLiteral("signInColumn"));
    columnWidget->setMaximumWidth(680);
    centre->addWidget(columnWidget, 100);
    centre->addStretch(1);
    outerRows->addLayout(centre);
    outerRows->addStretch(2);
    auto *outer = new QVBoxLayout(columnWidget);
    outer->setContentsMargins(0, 0, 0, 0);

    auto *title = new QLabel(tr("<h2>Sign in to Exchange Online</h2>"), columnWidget);
    title->setObjectName(QStringLiteral("signInTitle"));
    title->setAlignment(Qt::AlignHCenter);
    title->setWordWrap(true);
    outer->addWidget(title);
    auto *explain = new QLabel(
        tr("The sign-in happens in your web browser, with your usual multi-factor "
           "authentication. The console keeps the sign-in in the system keychain, never in a file."),
        columnWidget);
    explain->setObjectName(QStringLiteral("signInExplanation"));
    explain->setWordWrap(true);
    outer->addWidget(explain);

    auto *formHolder = new QWidget(columnWidget);
    auto *form = new QFormLayout(formHolder);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_tenant = new QLineEdit(formHolder);
    m_tenant->setObjectName(QStringLiteral("tenantEdit"));
    m_tenant->setAccessibleName(tr("Tenant"));
    m_tenant->setAccessibleDescription(
        tr("The Microsoft 365 tenant to manage: its domain, such as contoso.onmicrosoft.com, or its ID."));
    m_tenant->setPlaceholderText(tr("contoso.onmicrosoft.com or the tenant ID"));
    form->addRow(tr("&Tenant:"), m_tenant);
    m_cloud = new QComboBox(formHolder);
    m_cloud->setObjectName(QStringLiteral("cloudChoice"));
    m_cloud->setAccessibleName(tr("Cloud"));
    m_cloud->setAccessibleDescription(
        tr("Which Microsoft cloud the tenant lives in; Custom asks for the two addresses."));
    m_cloud->addItem(tr("Worldwide (including GCC)"), QStringLiteral("global"));
    m_cloud->addItem(tr("GCC High"), QStringLiteral("gcchigh"));
    m_cloud->addItem(tr("DoD"), QStringLiteral("dod"));
    m_cloud->addItem(tr("21Vianet (China)"), QStringLiteral("china"));
    m_cloud->addItem(tr("Custom…"), kCustom);
    form->addRow(tr("&Cloud:"), m_cloud);
    m_apiBase = new QLineEdit(formHolder);
    m_apiBase->setObjectName(QStringLiteral("apiBaseEdit"));
    m_apiBase->setAccessibleName(tr("Exchange admin API base URL"));
    m_apiBase->setAccessibleDescription(
        tr("For a custom cloud: where its Exchange Online admin API answers."));
    m_apiBase->setPlaceholderText(QStringLiteral("https://outlook.office365.com"));
    form->addRow(tr("API &base URL:"), m_apiBase);
    m_authority = new QLineEdit(formHolder);
    m_authority->setObjectName(QStringLiteral("authorityEdit"));
    m_authority->setAccessibleName(tr("Sign-in authority URL"));
    m_authority->setAccessibleDescription(
        tr("For a custom cloud: where its Microsoft Entra sign-in answers."));
    m_authority->setPlaceholderText(QStringLiteral("https://login.microsoftonline.com"));
    form->addRow(tr("&Authority URL:"), m_authority);
    m_user = new QLineEdit(formHolder);
    m_user->setObjectName(QStringLiteral("userEdit"));
    m_user->setAccessibleName(tr("Account (optional)"));
    m_user->setAccessibleDescription(tr(
        "Optional: the account to suggest in the browser's sign-in, such as admin@contoso.onmicrosoft.com."));
    m_user->setPlaceholderText(tr("admin@contoso.onmicrosoft.com (optional)"));
    form->addRow(tr("Acc&ount:"), m_user);
    m_advanced = new QCheckBox(tr("Ad&vanced"), formHolder);
    m_advanced->setObjectName(QStringLiteral("advancedToggle"));
    m_advanced->setAccessibleDescription(tr("Shows the application (client) ID to sign in with."));
    form->addRow(QString(), m_advanced);
    m_advancedBox = new QGroupBox(formHolder);
    auto *advancedForm = new QFormLayout(m_advancedBox);
    m_clientId = new QLineEdit(m_advancedBox);
    m_clientId->setObjectName(QStringLiteral("clientIdEdit"));
    m_clientId->setAccessibleName(tr("Application (client) ID"));
    m_clientId->setAccessibleDescription(
        tr("The console's app registration in your tenant; empty uses the one the README describes."));
    m_clientId->setPlaceholderText(tr("The console's app registration in your tenant (see the README)"));
    advancedForm->addRow(tr("Application (client) &ID:"), m_clientId);
    m_advancedBox->hide();
    form->addRow(m_advancedBox);
    outer->addWidget(formHolder);
    // Each field at least as wide as its own example text.
    for (QLineEdit *edit : {m_tenant, m_apiBase, m_authority, m_user, m_clientId})
        edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(edit->placeholderText()) + 24);

    m_message = new QLabel(columnWidget);
    m_message->setObjectName(QStringLiteral("signInMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    outer->addWidget(m_message);

    auto *buttons = new QHBoxLayout;
    m_signIn = new QPushButton(tr("&Sign in"), columnWidget);
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_signIn->setAccessibleDescription(tr("Opens the sign-in in your web browser."));
    m_signIn->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), columnWidget);
    m_cancel->setObjectName(QStringLiteral("signInCancelButton"));
    m_cancel->setAccessibleDescription(tr("Stops waiting for the browser's sign-in."));
    m_sessionOnly = new QPushButton(tr("Sign in for this session only"), columnWidget);
    m_sessionOnly->setObjectName(QStringLiteral("sessionOnlyButton"));
    m_sessionOnly->setToolTip(
        tr("Keep the sign-in in memory only; you will sign in again at the next start."));
    buttons->addStretch(1);
    buttons->addWidget(m_sessionOnly);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_signIn);
    buttons->addStretch(1);
    outer->addLayout(buttons);

    // A first-time user without a tenant at hand: the same demo tenant as `--demo`, one click away.
    auto *line = new QFrame(columnWidget);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    outer->addSpacing(12);
    outer->addWidget(line);
    auto *demoRow = new QHBoxLayout;
    auto *demoText =
        new QLabel(tr("No tenant at hand? The demo tenant runs on this computer with 5,000 made-up "
                      "mailboxes; nothing is sent to Microsoft."),
                   columnWidget);
    demoText->setObjectName(QStringLiteral("demoExplanation"));
    demoText->setWordWrap(true);
    demoRow->addWidget(demoText, 1);
    m_tryDemo = new QPushButton(tr("Try the &demo tenant"), columnWidget);
    m_tryDemo->setObjectName(QStringLiteral("tryDemoButton"));
    m_tryDemo->setAccessibleDescription(tr("Opens the embedded demo tenant, signed in as its administrator"));
    demoRow->addWidget(m_tryDemo, 0, Qt::AlignVCenter);
    outer->addLayout(demoRow);
    connect(m_tryDemo, &QPushButton::clicked, this, &SignInPage::demoRequested);

    connect(m_cloud, &QComboBox::currentIndexChanged, this, &SignInPage::updateState);
    connect(m_tenant, &QLineEdit::textChanged, this, &SignInPage::updateState);
    connect(m_apiBase, &QLineEdit::textChanged, this, &SignInPage::updateState);
    connect(m_authority, &QLineEdit::textChanged, this, &SignInPage::updateState);
    connect(m_advanced, &QCheckBox::toggled, m_advancedBox, &QWidget::setVisible);
    connect(m_signIn, &QPushButton::clicked, this, [this] {
        setBusy(true);
        Q_EMIT signInRequested(request());
    });
    connect(m_sessionOnly, &QPushButton::clicked, this, [this] {
        ConsoleSession::SignInRequest sessionOnly = request();
        sessionOnly.sessionOnly = true;
        setBusy(true);
        Q_EMIT signInRequested(sessionOnly);
    });
    connect(m_cancel, &QPushButton::clicked, this, &SignInPage::cancelRequested);
    m_sessionOnly->hide();
    setBusy(false);
}

void SignInPage::prefill(const ConsoleSession::SignInRequest &request)
{
    m_tenant->setText(request.tenant);
    const int cloud = m_cloud->findData(request.cloud.name());
    m_cloud->setCurrentIndex(cloud >= 0 ? cloud : 0);
    if (request.cloud.kind() == CloudEnvironment::Kind::Custom) {
        m_apiBase->setText(request.cloud.apiBase().toString());
        m_authority->setText(request.cloud.authority().toString());
    }
    m_clientId->setText(request.clientId);
    m_user->setText(request.loginHint);
    updateState();
}

ConsoleSession::SignInRequest SignInPage::request() const
{
    ConsoleSession::SignInRequest request;
    const QString cloud = m_cloud->currentData().toString();
    if (cloud == kCustom)
        request.cloud =
            CloudEnvironment::custom(QUrl(m_authority->text().trimmed()), QUrl(m_apiBase->text().trimmed()));
    else if (const auto known = CloudEnvironment::fromName(cloud))
        request.cloud = *known;
    request.tenant = m_tenant->text().trimmed();
    request.clientId = m_clientId->text().trimmed();
    request.loginHint = m_user->text().trimmed();
    return request;
}

void SignInPage::updateState()
{
    const bool custom = m_cloud->currentData().toString() == kCustom;
    m_apiBase->setEnabled(custom && !m_busy);
    m_authority->setEnabled(custom && !m_busy);
    const auto validUrl = [](const QLineEdit *edit) {
        const QUrl url(edit->text().trimmed());
        return url.isValid() && !url.host().isEmpty() &&
               (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"));
    };
    const bool ready =
        !m_tenant->text().trimmed().isEmpty() && (!custom || (validUrl(m_apiBase) && validUrl(m_authority)));
    m_signIn->setEnabled(ready && !m_busy);
    m_sessionOnly->setEnabled(ready && !m_busy);
}

void SignInPage::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *field :
         std::initializer_list<QWidget *>{m_tenant, m_cloud, m_user, m_clientId, m_advanced, m_tryDemo})
        field->setEnabled(!busy);
    m_cancel->setVisible(busy);
    updateState();
}

void SignInPage::showReason(const QString &reason)
{
    setBusy(false);
    m_sessionOnly->hide();
    m_message->setText(reason);
}

void SignInPage::showWaiting()
{
    setBusy(true);
    m_message->setText(tr("Waiting for the sign-in in your browser… Finish it there, or cancel here."));
}

void SignInPage::showMessage(const QString &message)
{
    m_message->setText(message);
}

void SignInPage::showFailure(const QString &message)
{
    setBusy(false);
    m_message->setText(tr("Sign-in failed: %1\nCheck the details and try again.").arg(message));
}

void SignInPage::showKeychainUnavailable(const QString &message)
{
    setBusy(false);
    m_sessionOnly->show();
    m_message->setText(
        tr("The system keychain cannot keep your sign-in: %1\nUnlock or start the keychain (Secret "
           "Service) and try again, or sign in for this session only.")
            .arg(message));
}

} // namespace smtpauth
