#include "signinpage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace smtpauth {

namespace {
const QString kCustom = QStringLiteral("custom");
}

SignInPage::SignInPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("signInPage"));
    auto *outer = new QVBoxLayout(this);
    outer->addStretch(1);
    auto *title = new QLabel(tr("<h2>Sign in to Exchange Online</h2>"), this);
    outer->addWidget(title, 0, Qt::AlignHCenter);
    auto *explain = new QLabel(tr("The sign-in happens in your web browser, with your usual multi-factor "
                                  "authentication. The console keeps the sign-in in the system keychain, never in a file."),
                               this);
    explain->setWordWrap(true);
    explain->setMaximumWidth(560);
    outer->addWidget(explain, 0, Qt::AlignHCenter);

    auto *formHolder = new QWidget(this);
    formHolder->setMaximumWidth(560);
    auto *form = new QFormLayout(formHolder);
    m_tenant = new QLineEdit(formHolder);
    m_tenant->setObjectName(QStringLiteral("tenantEdit"));
    m_tenant->setAccessibleName(tr("Tenant"));
    m_tenant->setPlaceholderText(tr("contoso.onmicrosoft.com or the tenant ID"));
    form->addRow(tr("&Tenant:"), m_tenant);
    m_cloud = new QComboBox(formHolder);
    m_cloud->setObjectName(QStringLiteral("cloudChoice"));
    m_cloud->setAccessibleName(tr("Cloud"));
    m_cloud->addItem(tr("Worldwide (including GCC)"), QStringLiteral("global"));
    m_cloud->addItem(tr("GCC High"), QStringLiteral("gcchigh"));
    m_cloud->addItem(tr("DoD"), QStringLiteral("dod"));
    m_cloud->addItem(tr("21Vianet (China)"), QStringLiteral("china"));
    m_cloud->addItem(tr("Custom…"), kCustom);
    form->addRow(tr("&Cloud:"), m_cloud);
    m_apiBase = new QLineEdit(formHolder);
    m_apiBase->setObjectName(QStringLiteral("apiBaseEdit"));
    m_apiBase->setAccessibleName(tr("Exchange admin API base URL"));
    m_apiBase->setPlaceholderText(QStringLiteral("https://outlook.office365.com"));
    form->addRow(tr("API &base URL:"), m_apiBase);
    m_authority = new QLineEdit(formHolder);
    m_authority->setObjectName(QStringLiteral("authorityEdit"));
    m_authority->setAccessibleName(tr("Sign-in authority URL"));
    m_authority->setPlaceholderText(QStringLiteral("https://login.microsoftonline.com"));
    form->addRow(tr("&Authority URL:"), m_authority);
    m_user = new QLineEdit(formHolder);
    m_user->setObjectName(QStringLiteral("userEdit"));
    m_user->setAccessibleName(tr("Account (optional)"));
    m_user->setPlaceholderText(tr("admin@contoso.onmicrosoft.com (optional)"));
    form->addRow(tr("Acc&ount:"), m_user);
    m_advanced = new QCheckBox(tr("Ad&vanced"), formHolder);
    m_advanced->setObjectName(QStringLiteral("advancedToggle"));
    form->addRow(QString(), m_advanced);
    m_advancedBox = new QGroupBox(formHolder);
    auto *advancedForm = new QFormLayout(m_advancedBox);
    m_clientId = new QLineEdit(m_advancedBox);
    m_clientId->setObjectName(QStringLiteral("clientIdEdit"));
    m_clientId->setAccessibleName(tr("Application (client) ID"));
    m_clientId->setPlaceholderText(tr("The console's app registration in your tenant (see the README)"));
    advancedForm->addRow(tr("Application (client) &ID:"), m_clientId);
    m_advancedBox->hide();
    form->addRow(m_advancedBox);
    outer->addWidget(formHolder, 0, Qt::AlignHCenter);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("signInMessage"));
    m_message->setWordWrap(true);
    m_message->setMaximumWidth(560);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    outer->addWidget(m_message, 0, Qt::AlignHCenter);

    auto *buttons = new QHBoxLayout;
    m_signIn = new QPushButton(tr("&Sign in"), this);
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_signIn->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("signInCancelButton"));
    m_sessionOnly = new QPushButton(tr("Sign in for this session only"), this);
    m_sessionOnly->setObjectName(QStringLiteral("sessionOnlyButton"));
    m_sessionOnly->setToolTip(tr("Keep the sign-in in memory only; you will sign in again at the next start."));
    buttons->addStretch(1);
    buttons->addWidget(m_sessionOnly);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_signIn);
    buttons->addStretch(1);
    outer->addLayout(buttons);
    outer->addStretch(2);

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
        request.cloud = CloudEnvironment::custom(QUrl(m_authority->text().trimmed()), QUrl(m_apiBase->text().trimmed()));
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
    const bool ready = !m_tenant->text().trimmed().isEmpty() && (!custom || (validUrl(m_apiBase) && validUrl(m_authority)));
    m_signIn->setEnabled(ready && !m_busy);
    m_sessionOnly->setEnabled(ready && !m_busy);
}

void SignInPage::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *field : std::initializer_list<QWidget *>{m_tenant, m_cloud, m_user, m_clientId, m_advanced})
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
    m_message->setText(tr("The system keychain cannot keep your sign-in: %1\nUnlock or start the keychain (Secret "
                          "Service) and try again, or sign in for this session only.")
                           .arg(message));
}

} // namespace smtpauth
