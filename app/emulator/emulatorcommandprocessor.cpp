// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "emulator/emulatorcommandprocessor.h"

#include "emulator/emulatordirectory.h"
#include "emulator/emulatordirectoryuser.h"
#include "emulator/emulatorjson.h"
#include "emulator/emulatorlogging.h"
#include "emulator/emulatortenant.h"
#include "emulator/emulatoruser.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QUrl>
#include <QUrlQuery>
#include <array>
#include <optional>

namespace smtpauth {

namespace {

const QByteArray kJsonContentType =
    "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
const QString kServerFqdn = QStringLiteral("EMUPR01A001DC01.PROD.OUTLOOK.COM");
constexpr int kBatchLimit = 10;
constexpr int kDefaultResultSize = 1000; // PowerShell's default for Get-* cmdlets

const char kNullableBoolType[] =
    "System.Nullable`1[[System.Boolean, mscorlib, Version=4.0.0.0, Culture=neutral, "
    "PublicKeyToken=b77a5c561934e089]]";

// The full error envelope of exchange-protocol.md §5. The detail message is `Id|Type|Message`, the form
// clients split on '|' to get the human text.
EmulatorHttpAnswer cmdletError(int status, const QString &code, const char *errorId,
                               const QString &exceptionType, const QString &message)
{
    const QJsonObject error{
        {QStringLiteral("code"), code},
        {QStringLiteral("message"), QStringLiteral("Error executing cmdlet")},
        {QStringLiteral("details"),
         QJsonArray{QJsonObject{
             {QStringLiteral("code"), QStringLiteral("Client")},
             {QStringLiteral("target"), QString()},
             {QStringLiteral("message"), QString(QLatin1String(errorId) + QLatin1Char('|') + exceptionType +
                                                 QLatin1Char('|') + message)},
         }}},
        {QStringLiteral("innererror"),
         QJsonObject{
             {QStringLiteral("message"), message},
             {QStringLiteral("type"), QStringLiteral("System.Management.Automation.RemoteException")},
             {QStringLiteral("internalexception"),
              QJsonObject{{QStringLiteral("message"), message}, {QStringLiteral("type"), exceptionType}}},
         }},
    };
    const QJsonObject root{{QStringLiteral("error"), error},
                           {QStringLiteral("@adminapi.warnings"), QJsonArray()}};
    EmulatorHttpAnswer answer;
    answer.status = status;
    answer.addHeader("Content-Type", kJsonContentType);
    answer.body = QJsonDocument(root).toJson(QJsonDocument::Compact);
    return answer;
}

EmulatorHttpAnswer plainError(int status, const QString &code, const QString &message)
{
    const QJsonObject root{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code},
                                                                 {QStringLiteral("message"), message}}}};
    EmulatorHttpAnswer answer;
    answer.status = status;
    answer.addHeader("Content-Type", kJsonContentType);
    answer.body = QJsonDocument(root).toJson(QJsonDocument::Compact);
    return answer;
}

EmulatorHttpAnswer paginationError()
{
    return plainError(
        400, QStringLiteral("BadRequest"),
        QStringLiteral("Expired or Invalid pagination request. Default Expiry time is 00:30:00"));
}

EmulatorHttpAnswer unknownParameter(const QString &name)
{
    return cmdletError(
        400, QStringLiteral("BadRequest"), "Ex7E4A12",
        QStringLiteral("System.Management.Automation.ParameterBindingException"),
        QStringLiteral("A parameter cannot be found that matches parameter name '%1'.").arg(name));
}

EmulatorHttpAnswer notFound(const QString &identity)
{
    return cmdletError(
        404, QStringLiteral("NotFound"), "Ex6F9304",
        QStringLiteral("Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException"),
        QStringLiteral("The operation couldn't be performed because object '%1' couldn't be found on "
                       "'%2'.")
            .arg(identity, kServerFqdn));
}

EmulatorHttpAnswer nullArgument(const QString &name)
{
    return cmdletError(
        400, QStringLiteral("BadRequest"), "Ex3C1B77",
        QStringLiteral("System.Management.Automation.ParameterBindingValidationException"),
        QStringLiteral("Cannot bind argument to parameter '%1' because it is null.").arg(name));
}

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return QStringLiteral("System.Boolean");
    case QJsonValue::Double:
        return QStringLiteral("System.Double");
    case QJsonValue::String:
        return QStringLiteral("System.String");
    case QJsonValue::Array:
        return QStringLiteral("System.Object[]");
    case QJsonValue::Object:
        return QStringLiteral("System.Collections.Hashtable");
    default:
        return QStringLiteral("System.Object");
    }
}

EmulatorHttpAnswer wrongType(const QString &name, const QJsonValue &value, const char *targetType)
{
    return cmdletError(
        400, QStringLiteral("BadRequest"), "Ex2D9E58",
        QStringLiteral("System.Management.Automation.ParameterBindingArgumentTransformationException"),
        QStringLiteral("Cannot process argument transformation on parameter '%1'. Cannot convert value "
                       "of type \"%2\" to type \"%3\".")
            .arg(name, jsonTypeName(value), QLatin1String(targetType)));
}

// PowerShell binds parameter names case-insensitively; map every given name to its canonical spelling
// and reject the unknown ones, like the real service does.
bool bindParameters(const QJsonObject &given, const QStringList &known, QJsonObject *bound,
                    EmulatorHttpAnswer *error)
{
    for (auto it = given.constBegin(); it != given.constEnd(); ++it) {
        QString canonical;
        for (const QString &name : known) {
            if (name.compare(it.key(), Qt::CaseInsensitive) == 0) {
                canonical = name;
                break;
            }
        }
        if (canonical.isEmpty()) {
            *error = unknownParameter(it.key());
            return false;
        }
        bound->insert(canonical, it.value());
    }
    return true;
}

void appendEnvelopeStart(QByteArray &out, const QString &baseUrl, const QString &tenantSegment,
                         const QStringList &warnings)
{
    out += "{\"@odata.context\":";
    const QString context = baseUrl + QStringLiteral("/adminapi/beta/") + tenantSegment +
                            QStringLiteral("/$metadata#Collection(Exchange.GenericHashTable)");
    EmulatorJson::appendString(out, context);
    out += ",\"adminapi.warnings@odata.type\":\"#Collection(String)\",\"@adminapi.warnings\":[";
    for (int i = 0; i < warnings.size(); ++i) {
        if (i)
            out += ',';
        EmulatorJson::appendString(out, warnings.at(i));
    }
    out += "],\"value\":[";
}

EmulatorHttpAnswer jsonAnswer(QByteArray body)
{
    EmulatorHttpAnswer answer;
    answer.addHeader("Content-Type", kJsonContentType);
    answer.addHeader("request-id", QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
    answer.body = std::move(body);
    return answer;
}

// Writes the properties of one object, honouring $select (an empty selection means all).
class ObjectWriter
{
public:
    ObjectWriter(QByteArray &out, const QSet<QString> &selection) : m_out(out), m_selection(selection)
    {
        m_out += '{';
    }
    void finish() { m_out += '}'; }

    bool wanted(const char *name) const
    {
        return m_selection.isEmpty() || m_selection.contains(QString::fromLatin1(name).toLower());
    }
    void string(const char *name, QStringView value)
    {
        if (!wanted(name))
            return;
        key(name);
        EmulatorJson::appendString(m_out, value);
    }
    void rawString(const char *name, const char *value)
    {
        if (!wanted(name))
            return;
        key(name);
        m_out += '"';
        m_out += value;
        m_out += '"';
    }
    void null(const char *name)
    {
        if (!wanted(name))
            return;
        key(name);
        m_out += "null";
    }
    void boolean(const char *name, bool value)
    {
        if (!wanted(name))
            return;
        sidecars(name, "System.Boolean", "#Boolean");
        key(name);
        m_out += value ? "true" : "false";
    }
    void nullableBoolean(const char *name, Override value)
    {
        if (!wanted(name))
            return;
        sidecars(name, kNullableBoolType, "#Boolean");
        key(name);
        m_out += value == Override::Inherit ? "null" : (value == Override::Disabled ? "true" : "false");
    }
    void optionalString(const char *name, const std::optional<QString> &value)
    {
        if (value)
            string(name, *value);
        else
            null(name);
    }
    // PowerShell DateTime: WhenChanged in the server's zone (UTC in Exchange Online), WhenChangedUTC with Z.
    void dateTime(const char *name, const QDateTime &value, bool utcForm)
    {
        if (!wanted(name))
            return;
        sidecars(name, "System.DateTime", "#DateTimeOffset");
        key(name);
        const QDateTime utc = value.toUTC();
        EmulatorJson::appendString(m_out,
                                   utc.toString(utcForm ? QStringLiteral("yyyy-MM-ddTHH:mm:ss'Z'")
                                                        : QStringLiteral("yyyy-MM-ddTHH:mm:ss'+00:00'")));
    }
    // A multi-valued property: a JSON list of strings, typed like the service's other collections.
    void stringList(const char *name, const char *dataType, const QStringList &values)
    {
        if (!wanted(name))
            return;
        sidecars(name, dataType, "#Collection(String)");
        key(name);
        m_out += '[';
        for (qsizetype i = 0; i < values.size(); ++i) {
            if (i > 0)
                m_out += ',';
            EmulatorJson::appendString(m_out, values.at(i));
        }
        m_out += ']';
    }
    void guid(const char *name, const QUuid &value)
    {
        if (!wanted(name))
            return;
        sidecars(name, "System.Guid", "#Guid");
        key(name);
        m_out += '"';
        m_out += value.toByteArray(QUuid::WithoutBraces);
        m_out += '"';
    }

private:
    void key(const char *name)
    {
        if (!m_first)
            m_out += ',';
        m_first = false;
        EmulatorJson::appendKey(m_out, name);
    }
    void sidecars(const char *name, const char *dataType, const char *odataType)
    {
        if (!m_first)
            m_out += ',';
        m_first = false;
        m_out += '"';
        m_out += name;
        m_out += "@data.type\":\"";
        m_out += dataType;
        m_out += "\",\"";
        m_out += name;
        m_out += "@odata.type\":\"";
        m_out += odataType;
        m_out += '"';
    }

    QByteArray &m_out;
    const QSet<QString> &m_selection;
    bool m_first = true;
};

QSet<QString> parseSelection(const QString &select)
{
    QSet<QString> selection;
    const QStringList names = select.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &name : names)
        selection.insert(name.trimmed().toLower());
    selection.remove(QString());
    return selection;
}

void writeCasMailbox(QByteArray &out, const EmulatorMailbox &m, const QSet<QString> &selection)
{
    ObjectWriter w(out, selection);
    w.string("Identity", m.name);
    w.string("Name", m.name);
    w.string("DisplayName", m.displayName);
    w.string("PrimarySmtpAddress", m.primarySmtpAddress);
    w.stringList("EmailAddresses", "Microsoft.Exchange.Data.ProxyAddressCollection", m.emailAddresses);
    w.guid("Guid", m.guid);
    w.rawString("ExternalDirectoryObjectId",
                m.externalDirectoryObjectId.toByteArray(QUuid::WithoutBraces).constData());
    w.nullableBoolean("SmtpClientAuthenticationDisabled", m.smtpClientAuthentication);
    w.boolean("PopEnabled", m.popEnabled);
    w.boolean("ImapEnabled", m.imapEnabled);
    w.boolean("ActiveSyncEnabled", m.activeSyncEnabled);
    w.boolean("OWAEnabled", m.owaEnabled);
    w.boolean("MAPIEnabled", m.mapiEnabled);
    w.boolean("EwsEnabled", m.ewsEnabled);
    w.boolean("PopUseProtocolDefaults", true);
    w.boolean("ImapUseProtocolDefaults", true);
    w.null("OwaMailboxPolicy");
    w.rawString("ServerLegacyDN",
                "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration");
    w.boolean("IsValid", true);
    w.rawString("ObjectState", "Unchanged");
    w.finish();
}

void writeUser(QByteArray &out, const EmulatorDirectoryUser &u, const QSet<QString> &selection)
{
    ObjectWriter w(out, selection);
    w.string("Identity", u.name);
    w.string("Name", u.name);
    w.string("DisplayName", u.displayName);
    w.string("UserPrincipalName", u.userPrincipalName);
    w.string("WindowsEmailAddress", u.primarySmtpAddress);
    w.guid("Guid", u.guid);
    w.rawString("ExternalDirectoryObjectId", u.objectId.toByteArray(QUuid::WithoutBraces).constData());
    w.optionalString("AuthenticationPolicy", u.authenticationPolicy);
    w.rawString("RecipientType", u.hasMailbox ? "UserMailbox" : "User");
    w.rawString("RecipientTypeDetails",
                !u.hasMailbox ? "User" : (u.shared ? "SharedMailbox" : "UserMailbox"));
    w.boolean("AccountDisabled", u.shared); // shared mailboxes have no usable account of their own
    w.boolean("IsDirSynced", false);
    w.boolean("IsValid", true);
    w.rawString("ObjectState", "Unchanged");
    w.finish();
}

void writeAuthenticationPolicy(QByteArray &out, const EmulatorAuthenticationPolicy &p,
                               const QSet<QString> &selection)
{
    ObjectWriter w(out, selection);
    w.string("Identity", p.name);
    w.string("Name", p.name);
    w.string("DistinguishedName", p.distinguishedName);
    w.guid("Guid", p.guid);
    for (int i = 0; i < EmulatorAuthenticationPolicy::ProtocolCount; ++i)
        w.boolean(EmulatorAuthenticationPolicy::kPropertyNames[size_t(i)], p.allowBasic[size_t(i)]);
    if (p.isLegacyExchangeTokens())
        w.boolean("AllowLegacyExchangeTokens", false);
    w.rawString("AdminDisplayName", "");
    w.dateTime("WhenChanged", p.whenChangedUtc, false);
    w.dateTime("WhenChangedUTC", p.whenChangedUtc, true);
    w.boolean("IsValid", true);
    w.rawString("ObjectState", "Unchanged");
    w.finish();
}

// ResultSize: "Unlimited", a positive whole number (or its string); default 1000 like PowerShell.
bool parseResultSize(const QJsonValue &sizeValue, int *resultSize, bool *unlimited, EmulatorHttpAnswer *error)
{
    *resultSize = kDefaultResultSize;
    *unlimited = false;
    if (sizeValue.isString()) {
        const QString text = sizeValue.toString().trimmed();
        bool ok = false;
        const qint64 number = text.toLongLong(&ok);
        if (text.compare(QLatin1String("Unlimited"), Qt::CaseInsensitive) == 0)
            *unlimited = true;
        else if (ok && number >= 1)
            *resultSize = int(qMin<qint64>(number, std::numeric_limits<int>::max()));
        else {
            *error = wrongType(QStringLiteral("ResultSize"), sizeValue,
                               "Microsoft.Exchange.Data.Unlimited`1[System.UInt32]");
            return false;
        }
    } else if (sizeValue.isDouble()) {
        const double number = sizeValue.toDouble();
        if (number < 1 || number != double(qint64(number))) {
            *error = cmdletError(
                400, QStringLiteral("BadRequest"), "Ex1A2F60",
                QStringLiteral("System.Management.Automation.ParameterBindingValidationException"),
                QStringLiteral("Cannot validate argument on parameter 'ResultSize'. The argument \"%1\" "
                               "is not a positive whole number.")
                    .arg(number));
            return false;
        }
        *resultSize = int(qMin<double>(number, std::numeric_limits<int>::max()));
    } else if (sizeValue.isNull()) {
        *error = nullArgument(QStringLiteral("ResultSize"));
        return false;
    } else if (!sizeValue.isUndefined()) {
        *error = wrongType(QStringLiteral("ResultSize"), sizeValue,
                           "Microsoft.Exchange.Data.Unlimited`1[System.UInt32]");
        return false;
    }
    return true;
}

// The RBAC role group whose absence a 403's x-ms-diagnostics names.
const char *requiredRole(const QString &cmdlet)
{
    if (cmdlet.startsWith(QLatin1String("Set-CASMailbox"), Qt::CaseInsensitive))
        return "Mail Recipients";
    if (cmdlet.startsWith(QLatin1String("Set-TransportConfig"), Qt::CaseInsensitive))
        return "Organization Transport Settings";
    if (cmdlet.compare(QLatin1String("Get-User"), Qt::CaseInsensitive) == 0 ||
        cmdlet.compare(QLatin1String("Get-CASMailbox"), Qt::CaseInsensitive) == 0)
        return "View-Only Recipients";
    return "View-Only Configuration";
}

} // namespace

QString EmulatorCommandProcessor::knownCmdlet(const QString &name)
{
    static const QStringList kCmdlets{QStringLiteral("Get-CASMailbox"),
                                      QStringLiteral("Set-CASMailbox"),
                                      QStringLiteral("Get-TransportConfig"),
                                      QStringLiteral("Set-TransportConfig"),
                                      QStringLiteral("Get-AuthenticationPolicy"),
                                      QStringLiteral("Get-OrganizationConfig"),
                                      QStringLiteral("Get-User")};
    for (const QString &cmdlet : kCmdlets) {
        if (cmdlet.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return cmdlet;
    }
    return QString();
}

void EmulatorCommandProcessor::forbidCmdlet(const QString &name, ForbiddenBody body)
{
    m_forbidden.insert(name.trimmed().toLower(), body);
}

QString EmulatorCommandProcessor::decodedQueryItem(const QString &encodedQuery, QStringView name)
{
    const QStringList items = encodedQuery.split(QLatin1Char('&'), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        QByteArray key = item.left(equals < 0 ? item.size() : equals).toUtf8();
        QByteArray value = equals < 0 ? QByteArray() : item.mid(equals + 1).toUtf8();
        key.replace('+', ' ');
        value.replace('+', ' ');
        if (QString::fromUtf8(QByteArray::fromPercentEncoding(key)) == name)
            return QString::fromUtf8(QByteArray::fromPercentEncoding(value));
    }
    return {};
}

int EmulatorCommandProcessor::effectivePageSize(const QByteArray &prefer, QByteArray *applied) const
{
    int pageSize = m_serverPageSize;
    const QList<QByteArray> preferences = prefer.split(',');
    for (const QByteArray &raw : preferences) {
        const QByteArray preference = raw.trimmed().toLower();
        if (!preference.startsWith("odata.maxpagesize="))
            continue;
        bool ok = false;
        const int requested = preference.mid(int(qstrlen("odata.maxpagesize="))).trimmed().toInt(&ok);
        if (ok && requested >= 1) {
            pageSize = qMin(requested, qMin(m_serverPageSize, 1000));
            *applied = "odata.maxpagesize=" + QByteArray::number(pageSize);
        }
    }
    return qMax(1, pageSize);
}

QByteArray EmulatorCommandProcessor::issueCursor(const Cursor &cursor)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_cursors.size() > 20000) {
        for (auto it = m_cursors.begin(); it != m_cursors.end();)
            it = it->expiresAtMs < now ? m_cursors.erase(it) : std::next(it);
    }
    // Opaque to clients; a serial keeps it unique, the random part keeps it unguessable.
    QByteArray raw = QByteArray::number(++m_cursorSerial) + ':' + QByteArray::number(cursor.offset) + ':' +
                     QByteArray::number(QRandomGenerator::global()->generate64());
    const QByteArray token = QCryptographicHash::hash(raw, QCryptographicHash::Sha256)
                                 .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    m_cursors.insert(token, cursor);
    return token;
}

EmulatorHttpAnswer EmulatorCommandProcessor::invoke(const Request &request, QStringList *cmdletNames,
                                                    bool *changed)
{
    const QByteArray mediaType = request.contentType.split(';').first().trimmed().toLower();
    if (mediaType != "application/json")
        return plainError(
            415, QStringLiteral("UnsupportedMediaType"),
            QStringLiteral("The request body must be sent with Content-Type application/json."));

    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return plainError(400, QStringLiteral("BadRequest"),
                          QStringLiteral("The request body is not a valid JSON object."));
    const QJsonValue inputValue = document.object().value(QStringLiteral("CmdletInput"));
    if (!inputValue.isObject())
        return plainError(400, QStringLiteral("BadRequest"),
                          QStringLiteral("The request body must contain a CmdletInput object."));
    const QJsonObject input = inputValue.toObject();
    const QJsonValue nameValue = input.value(QStringLiteral("CmdletName"));
    if (!nameValue.isString() || nameValue.toString().trimmed().isEmpty())
        return plainError(400, QStringLiteral("BadRequest"),
                          QStringLiteral("CmdletInput.CmdletName must be a non-empty string."));
    const QJsonValue parametersValue = input.value(QStringLiteral("Parameters"));
    if (!parametersValue.isObject())
        return plainError(400, QStringLiteral("BadRequest"),
                          QStringLiteral("CmdletInput.Parameters must be a JSON object ({} when empty)."));
    for (auto it = input.constBegin(); it != input.constEnd(); ++it) {
        if (it.key() != QLatin1String("CmdletName") && it.key() != QLatin1String("Parameters"))
            return plainError(400, QStringLiteral("BadRequest"),
                              QStringLiteral("Unexpected property '%1' in CmdletInput.").arg(it.key()));
    }

    const QString cmdletName = nameValue.toString().trimmed();
    const QJsonObject given = parametersValue.toObject();
    cmdletNames->append(cmdletName);

    enum class Cmdlet
    {
        GetCas,
        SetCas,
        GetTransport,
        SetTransport,
        GetAuthPolicy,
        GetOrgConfig,
        GetUser
    } cmdlet;
    const QString canonicalName = knownCmdlet(cmdletName);
    if (canonicalName == QLatin1String("Get-CASMailbox"))
        cmdlet = Cmdlet::GetCas;
    else if (canonicalName == QLatin1String("Set-CASMailbox"))
        cmdlet = Cmdlet::SetCas;
    else if (canonicalName == QLatin1String("Get-TransportConfig"))
        cmdlet = Cmdlet::GetTransport;
    else if (canonicalName == QLatin1String("Set-TransportConfig"))
        cmdlet = Cmdlet::SetTransport;
    else if (canonicalName == QLatin1String("Get-AuthenticationPolicy"))
        cmdlet = Cmdlet::GetAuthPolicy;
    else if (canonicalName == QLatin1String("Get-OrganizationConfig"))
        cmdlet = Cmdlet::GetOrgConfig;
    else if (canonicalName == QLatin1String("Get-User"))
        cmdlet = Cmdlet::GetUser;
    else
        return cmdletError(
            400, QStringLiteral("BadRequest"), "Ex0B5C4D",
            QStringLiteral("System.Management.Automation.CommandNotFoundException"),
            QStringLiteral("The term '%1' is not recognized as the name of a cmdlet, function, script "
                           "file, or operable program.")
                .arg(cmdletName));

    // RBAC is checked before the parameters: a user without the role never learns more than "forbidden".
    // Every demo user may read (Helpdesk Administrator and Global Reader are read-only in Exchange).
    const bool allowed = (cmdlet == Cmdlet::SetCas && request.user->canSetCasMailbox) ||
                         (cmdlet == Cmdlet::SetTransport && request.user->canSetTransportConfig) ||
                         (cmdlet != Cmdlet::SetCas && cmdlet != Cmdlet::SetTransport);
    if (!allowed) {
        EmulatorHttpAnswer answer;
        answer.status = 403;
        answer.addHeader("x-ms-diagnostics",
                         QByteArray("2000008;reason=\"The user does not have the required role to run ") +
                             (cmdlet == Cmdlet::SetCas ? "Set-CASMailbox" : "Set-TransportConfig") +
                             ".\";error_category=\"insufficient_permissions\"");
        if (request.user->forbiddenBodyHasNuls)
            answer.body = QByteArray(3, '\0');
        return answer;
    }
    if (const auto it = m_forbidden.constFind(canonicalName.toLower()); it != m_forbidden.cend()) {
        EmulatorHttpAnswer answer;
        answer.status = 403;
        answer.addHeader("x-ms-diagnostics",
                         "2000008;reason=\"The user does not have the required role to run " +
                             canonicalName.toUtf8() + " (missing role: " + requiredRole(canonicalName) +
                             ").\";error_category=\"insufficient_permissions\"");
        const bool nuls = it.value() == ForbiddenBody::NulBytes ||
                          (it.value() == ForbiddenBody::AsUser && request.user->forbiddenBodyHasNuls);
        if (nuls)
            answer.body = QByteArray(3, '\0');
        return answer;
    }

    const bool paged =
        cmdlet == Cmdlet::GetCas || cmdlet == Cmdlet::GetAuthPolicy || cmdlet == Cmdlet::GetUser;
    if (!request.skipToken.isEmpty() && !paged)
        return paginationError();

    QJsonObject canonicalInput;
    canonicalInput.insert(QStringLiteral("CmdletName"), cmdletName.toLower());
    canonicalInput.insert(QStringLiteral("Parameters"), given);
    const QByteArray fingerprint = QJsonDocument(canonicalInput).toJson(QJsonDocument::Compact) + '\n' +
                                   request.select.toUtf8() + '\n' + request.tenantSegment.toLower().toUtf8();

    switch (cmdlet) {
    case Cmdlet::GetCas:
        return getCasMailbox(request, given, fingerprint);
    case Cmdlet::SetCas:
        return setCasMailbox(given, changed);
    case Cmdlet::GetTransport:
        return getTransportConfig(request);
    case Cmdlet::SetTransport:
        return setTransportConfig(given, changed);
    case Cmdlet::GetAuthPolicy:
        return getAuthenticationPolicy(request, given, fingerprint);
    case Cmdlet::GetOrgConfig:
        return getOrganizationConfig(request, given);
    case Cmdlet::GetUser:
        return getUser(request, given, fingerprint);
    }
    return plainError(500, QStringLiteral("InternalServerError"), QStringLiteral("unreachable"));
}

EmulatorHttpAnswer EmulatorCommandProcessor::getCasMailbox(const Request &request, const QJsonObject &given,
                                                           const QByteArray &fingerprint)
{
    QJsonObject parameters;
    EmulatorHttpAnswer error;
    if (!bindParameters(given, {QStringLiteral("Identity"), QStringLiteral("ResultSize")}, &parameters,
                        &error))
        return error;

    const QSet<QString> selection = parseSelection(request.select);
    QByteArray applied;
    const int pageSize = effectivePageSize(request.prefer, &applied);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    Cursor cursor;
    if (!request.skipToken.isEmpty()) {
        const auto it = m_cursors.constFind(request.skipToken.toLatin1());
        if (it == m_cursors.cend() || it->expiresAtMs < now || it->fingerprint != fingerprint)
            return paginationError();
        cursor = it.value();
    } else {
        const QJsonValue identity = parameters.value(QStringLiteral("Identity"));
        // "Identity": null is bound as "no identity" and returns everything: the documented trap.
        if (!identity.isUndefined() && !identity.isNull()) {
            if (!identity.isString())
                return wrongType(QStringLiteral("Identity"), identity,
                                 "Microsoft.Exchange.Configuration.Tasks.MailboxIdParameter");
            const int index = m_tenant.findMailbox(identity.toString());
            if (index < 0)
                return notFound(identity.toString());
            QByteArray body;
            appendEnvelopeStart(body, request.baseUrl, request.tenantSegment, {});
            writeCasMailbox(body, m_tenant.mailbox(index), selection);
            body += "]}";
            EmulatorHttpAnswer answer = jsonAnswer(std::move(body));
            if (!applied.isEmpty())
                answer.addHeader("Preference-Applied", applied);
            return answer;
        }

        int resultSize = kDefaultResultSize;
        bool unlimited = false;
        const QJsonValue sizeValue = parameters.value(QStringLiteral("ResultSize"));
        if (sizeValue.isString()) {
            const QString text = sizeValue.toString().trimmed();
            bool ok = false;
            const qint64 number = text.toLongLong(&ok);
            if (text.compare(QLatin1String("Unlimited"), Qt::CaseInsensitive) == 0)
                unlimited = true;
            else if (ok && number >= 1)
                resultSize = int(qMin<qint64>(number, std::numeric_limits<int>::max()));
            else
                return wrongType(QStringLiteral("ResultSize"), sizeValue,
                                 "Microsoft.Exchange.Data.Unlimited`1[System.UInt32]");
        } else if (sizeValue.isDouble()) {
            const double number = sizeValue.toDouble();
            if (number < 1 || number != double(qint64(number)))
                return cmdletError(
                    400, QStringLiteral("BadRequest"), "Ex1A2F60",
                    QStringLiteral("System.Management.Automation.ParameterBindingValidationException"),
                    QStringLiteral("Cannot validate argument on parameter 'ResultSize'. The argument "
                                   "\"%1\" is not a positive whole number.")
                        .arg(number));
            resultSize = int(qMin<double>(number, std::numeric_limits<int>::max()));
        } else if (sizeValue.isNull()) {
            return nullArgument(QStringLiteral("ResultSize"));
        } else if (!sizeValue.isUndefined()) {
            return wrongType(QStringLiteral("ResultSize"), sizeValue,
                             "Microsoft.Exchange.Data.Unlimited`1[System.UInt32]");
        }
        const int total = m_tenant.mailboxCount();
        cursor.fingerprint = fingerprint;
        cursor.offset = 0;
        cursor.end = unlimited ? total : qMin(resultSize, total);
        cursor.truncated = !unlimited && total > resultSize;
    }

    const int begin = qMin(cursor.offset, cursor.end);
    const int end = qMin(cursor.end, begin + pageSize);
    const bool more = end < cursor.end;
    QStringList warnings;
    // The truncation warning comes with the last page of the truncated result, where PowerShell emits it.
    if (!more && cursor.truncated) {
        warnings.append(
            QStringLiteral("There are more results available than are currently displayed. To view "
                           "them, increase the value for the ResultSize parameter."));
    }

    QByteArray body;
    body.reserve((end - begin) * 1400 + 512);
    appendEnvelopeStart(body, request.baseUrl, request.tenantSegment, warnings);
    for (int i = begin; i < end; ++i) {
        if (i != begin)
            body += ',';
        writeCasMailbox(body, m_tenant.mailbox(i), selection);
    }
    body += ']';
    if (more) {
        Cursor next = cursor;
        next.offset = end;
        next.expiresAtMs = now + qint64(m_nextLinkExpirySeconds) * 1000;
        QString link = request.baseUrl + QStringLiteral("/adminapi/beta/") + request.tenantSegment +
                       QStringLiteral("/InvokeCommand?%24skiptoken=") +
                       QString::fromLatin1(issueCursor(next));
        if (!request.select.isEmpty())
            link += QStringLiteral("&%24select=") +
                    QString::fromLatin1(QUrl::toPercentEncoding(request.select, ","));
        body += ",\"@odata.nextLink\":";
        EmulatorJson::appendString(body, link);
    }
    body += '}';
    if (m_pagesUntilExpiry > 0 && --m_pagesUntilExpiry == 0)
        m_cursors.clear();
    EmulatorHttpAnswer answer = jsonAnswer(std::move(body));
    if (!applied.isEmpty())
        answer.addHeader("Preference-Applied", applied);
    return answer;
}

EmulatorHttpAnswer EmulatorCommandProcessor::setCasMailbox(const QJsonObject &given, bool *changed)
{
    static const QStringList kBoolSettings{QStringLiteral("PopEnabled"),        QStringLiteral("ImapEnabled"),
                                           QStringLiteral("ActiveSyncEnabled"), QStringLiteral("OWAEnabled"),
                                           QStringLiteral("MAPIEnabled"),       QStringLiteral("EwsEnabled")};
    QJsonObject parameters;
    EmulatorHttpAnswer error;
    if (!bindParameters(
            given,
            QStringList{QStringLiteral("Identity"), QStringLiteral("SmtpClientAuthenticationDisabled")} +
                kBoolSettings,
            &parameters, &error)) {
        return error;
    }
    const QJsonValue identity = parameters.value(QStringLiteral("Identity"));
    if (identity.isUndefined())
        return cmdletError(400, QStringLiteral("BadRequest"), "Ex5D0E21",
                           QStringLiteral("System.Management.Automation.ParameterBindingException"),
                           QStringLiteral("Cannot process command because of one or more missing mandatory "
                                          "parameters: Identity."));
    if (identity.isNull())
        return nullArgument(QStringLiteral("Identity"));
    if (!identity.isString())
        return wrongType(QStringLiteral("Identity"), identity,
                         "Microsoft.Exchange.Configuration.Tasks.MailboxIdParameter");

    Override smtp = Override::Inherit;
    const QJsonValue smtpValue = parameters.value(QStringLiteral("SmtpClientAuthenticationDisabled"));
    const bool setsSmtp = !smtpValue.isUndefined();
    if (setsSmtp && !overrideFromWire(smtpValue, &smtp))
        return wrongType(QStringLiteral("SmtpClientAuthenticationDisabled"), smtpValue,
                         "System.Nullable`1[System.Boolean]");
    for (const QString &name : kBoolSettings) {
        const QJsonValue value = parameters.value(name);
        if (value.isNull())
            return nullArgument(name);
        if (!value.isUndefined() && !value.isBool())
            return wrongType(name, value, "System.Boolean");
    }

    const int index = m_tenant.findMailbox(identity.toString());
    if (index < 0)
        return notFound(identity.toString());

    EmulatorMailbox &mailbox = m_tenant.mailbox(index);
    const EmulatorMailbox before = mailbox;
    if (setsSmtp)
        mailbox.smtpClientAuthentication = smtp;
    auto apply = [&parameters](const QString &name, bool *field) {
        const QJsonValue value = parameters.value(name);
        if (value.isBool())
            *field = value.toBool();
    };
    apply(kBoolSettings.at(0), &mailbox.popEnabled);
    apply(kBoolSettings.at(1), &mailbox.imapEnabled);
    apply(kBoolSettings.at(2), &mailbox.activeSyncEnabled);
    apply(kBoolSettings.at(3), &mailbox.owaEnabled);
    apply(kBoolSettings.at(4), &mailbox.mapiEnabled);
    apply(kBoolSettings.at(5), &mailbox.ewsEnabled);

    QStringList warnings;
    if (mailbox == before) {
        warnings.append(QStringLiteral("The command completed successfully but no settings of '%1' have been "
                                       "modified.")
                            .arg(mailbox.name));
    } else {
        *changed = true;
        qCInfo(lcEmulator) << "Set-CASMailbox changed" << mailbox.guid;
    }
    QByteArray body;
    appendEnvelopeStart(body, QString(), QString(), warnings);
    body += "]}";
    return jsonAnswer(std::move(body));
}

EmulatorHttpAnswer EmulatorCommandProcessor::getTransportConfig(const Request &request)
{
    QByteArray body;
    appendEnvelopeStart(body, request.baseUrl, request.tenantSegment, {});
    const QSet<QString> selection = parseSelection(request.select);
    ObjectWriter w(body, selection);
    w.rawString("Identity", "Transport Settings");
    w.rawString("Name", "Transport Settings");
    w.guid("Guid", m_tenant.transportConfigGuid());
    w.boolean("SmtpClientAuthenticationDisabled", m_tenant.org() == OrgSetting::Disabled);
    w.boolean("AllowLegacyTLSClients", m_tenant.allowLegacyTlsClients());
    w.rawString("MaxSendSize", "35 MB (36,700,160 bytes)");
    w.rawString("MaxReceiveSize", "36 MB (37,748,736 bytes)");
    w.null("ExternalPostmasterAddress");
    w.boolean("ReplyAllStormProtectionEnabled", true);
    w.boolean("ConvertDisclaimerWrapperToEml", false);
    w.boolean("IsValid", true);
    w.finish();
    body += "]}";
    return jsonAnswer(std::move(body));
}

EmulatorHttpAnswer EmulatorCommandProcessor::setTransportConfig(const QJsonObject &given, bool *changed)
{
    QJsonObject parameters;
    EmulatorHttpAnswer error;
    if (!bindParameters(
            given,
            {QStringLiteral("SmtpClientAuthenticationDisabled"), QStringLiteral("AllowLegacyTLSClients")},
            &parameters, &error)) {
        return error;
    }
    const QJsonValue smtp = parameters.value(QStringLiteral("SmtpClientAuthenticationDisabled"));
    const QJsonValue legacy = parameters.value(QStringLiteral("AllowLegacyTLSClients"));
    // The organization value has no "inherit": null is refused, unlike on a mailbox.
    if (smtp.isNull())
        return nullArgument(QStringLiteral("SmtpClientAuthenticationDisabled"));
    if (!smtp.isUndefined() && !smtp.isBool())
        return wrongType(QStringLiteral("SmtpClientAuthenticationDisabled"), smtp, "System.Boolean");
    if (legacy.isNull())
        return nullArgument(QStringLiteral("AllowLegacyTLSClients"));
    if (!legacy.isUndefined() && !legacy.isBool())
        return wrongType(QStringLiteral("AllowLegacyTLSClients"), legacy, "System.Boolean");

    bool modified = false;
    if (smtp.isBool()) {
        const OrgSetting org = smtp.toBool() ? OrgSetting::Disabled : OrgSetting::Enabled;
        modified |= org != m_tenant.org();
        m_tenant.setOrg(org);
    }
    if (legacy.isBool()) {
        modified |= legacy.toBool() != m_tenant.allowLegacyTlsClients();
        m_tenant.setAllowLegacyTlsClients(legacy.toBool());
    }
    QStringList warnings;
    if (!modified)
        warnings.append(
            QStringLiteral("The command completed successfully but no settings of 'Transport Settings' "
                           "have been modified."));
    else
        *changed = true;
    QByteArray body;
    appendEnvelopeStart(body, QString(), QString(), warnings);
    body += "]}";
    return jsonAnswer(std::move(body));
}

EmulatorHttpAnswer EmulatorCommandProcessor::pageAnswer(const Request &request, Cursor cursor, int pageSize,
                                                        const QByteArray &applied, const RowWriter &writeRow)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QByteArray rows;
    rows.reserve(qMin(pageSize, qMax(cursor.rowsLeft, 0)) * 400 + 64);
    int written = 0;
    const int wanted = qMin(pageSize, cursor.rowsLeft);
    while (written < wanted && cursor.offset < cursor.end) {
        const qsizetype mark = rows.size();
        if (written > 0)
            rows += ',';
        if (writeRow(rows, cursor.offset))
            ++written;
        else
            rows.truncate(mark);
        ++cursor.offset;
    }
    cursor.rowsLeft -= written;
    const bool more = cursor.rowsLeft > 0 && cursor.offset < cursor.end;
    QStringList warnings;
    if (!more && cursor.truncated) {
        warnings.append(
            QStringLiteral("There are more results available than are currently displayed. To view "
                           "them, increase the value for the ResultSize parameter."));
    }
    QByteArray body;
    body.reserve(rows.size() + 512);
    appendEnvelopeStart(body, request.baseUrl, request.tenantSegment, warnings);
    body += rows;
    body += ']';
    if (more) {
        Cursor next = cursor;
        next.expiresAtMs = now + qint64(m_nextLinkExpirySeconds) * 1000;
        QString link = request.baseUrl + QStringLiteral("/adminapi/beta/") + request.tenantSegment +
                       QStringLiteral("/InvokeCommand?%24skiptoken=") +
                       QString::fromLatin1(issueCursor(next));
        if (!request.select.isEmpty())
            link += QStringLiteral("&%24select=") +
                    QString::fromLatin1(QUrl::toPercentEncoding(request.select, ","));
        body += ",\"@odata.nextLink\":";
        EmulatorJson::appendString(body, link);
    }
    body += '}';
    if (m_pagesUntilExpiry > 0 && --m_pagesUntilExpiry == 0)
        m_cursors.clear();
    EmulatorHttpAnswer answer = jsonAnswer(std::move(body));
    if (!applied.isEmpty())
        answer.addHeader("Preference-Applied", applied);
    return answer;
}

EmulatorHttpAnswer EmulatorCommandProcessor::getAuthenticationPolicy(const Request &request,
                                                                     const QJsonObject &given,
                                                                     const QByteArray &fingerprint)
{
    QJsonObject parameters;
    EmulatorHttpAnswer error;
    if (!bindParameters(given, {QStringLiteral("Identity")}, &parameters, &error))
        return error;
    const EmulatorDirectory &directory = m_tenant.directory();
    const QSet<QString> selection = parseSelection(request.select);
    QByteArray applied;
    const int pageSize = effectivePageSize(request.prefer, &applied);

    // A tenant that never used authentication policies has no "Auth Policies" container at all: the
    // service answers ManagementObjectNotFound (exchange-protocol.md §9), which means "no policies".
    const auto noContainer = [this]() {
        return notFound(QStringLiteral("CN=Auth Policies,CN=") + m_tenant.domain() +
                        QStringLiteral(",CN=ConfigurationUnits,DC=EMUPR01A001,DC=PROD,DC=OUTLOOK,DC=COM"));
    };
    Cursor cursor;
    if (!request.skipToken.isEmpty()) {
        const auto it = m_cursors.constFind(request.skipToken.toLatin1());
        if (it == m_cursors.cend() || it->expiresAtMs < QDateTime::currentMSecsSinceEpoch() ||
            it->fingerprint != fingerprint)
            return paginationError();
        cursor = it.value();
    } else {
        const QJsonValue identity = parameters.value(QStringLiteral("Identity"));
        if (!identity.isUndefined() && !identity.isNull()) {
            if (!identity.isString())
                return wrongType(QStringLiteral("Identity"), identity,
                                 "Microsoft.Exchange.Configuration.Tasks.AuthPolicyIdParameter");
            if (!directory.knobs().authenticationPoliciesUsed)
                return noContainer();
            const int index = directory.findAuthenticationPolicy(identity.toString());
            if (index < 0)
                return notFound(identity.toString());
            QByteArray body;
            appendEnvelopeStart(body, request.baseUrl, request.tenantSegment, {});
            writeAuthenticationPolicy(body, directory.authenticationPolicy(index), selection);
            body += "]}";
            return jsonAnswer(std::move(body));
        }
        if (!directory.knobs().authenticationPoliciesUsed)
            return noContainer();
        cursor.fingerprint = fingerprint;
        cursor.end = int(directory.authenticationPolicies().size());
        cursor.rowsLeft = cursor.end;
    }
    return pageAnswer(request, cursor, pageSize, applied,
                      [&directory, &selection](QByteArray &out, int index) {
                          if (index >= directory.authenticationPolicies().size())
                              return false;
                          writeAuthenticationPolicy(out, directory.authenticationPolicy(index), selection);
                          return true;
                      });
}

EmulatorHttpAnswer EmulatorCommandProcessor::getOrganizationConfig(const Request &request,
                                                                   const QJsonObject &given)
{
    QJsonObject parameters;
    EmulatorHttpAnswer error;
    if (!bindParameters(given, {}, &parameters, &error))
        return error;
    const EmulatorDirectory &directory = m_tenant.directory();
    const QString domain = m_tenant.domain();
    const QString wireDefault = directory.orgDefaultPolicyOnTheWire();
    QByteArray body;
    appendEnvelopeStart(body, request.baseUrl, request.tenantSegment, {});
    const QSet<QString> selection = parseSelection(request.select);
    ObjectWriter w(body, selection);
    w.string("Identity", domain);
    w.string("Name", domain);
    w.string("DisplayName", domain.section(QLatin1Char('.'), 0, 0));
    w.guid("Guid", QUuid::createUuidV5(m_tenant.tenantId(), QStringLiteral("organization-config")));
    w.optionalString("DefaultAuthenticationPolicy",
                     wireDefault.isNull() ? std::optional<QString>() : std::optional<QString>(wireDefault));
    w.boolean("OAuth2ClientProfileEnabled", true);
    w.boolean("IsDehydrated", false);
    w.boolean("AuditDisabled", false);
    w.boolean("SmtpActionableMessagesEnabled", true);
    w.boolean("IsValid", true);
    w.rawString("ObjectState", "Unchanged");
    w.finish();
    body += "]}";
    return jsonAnswer(std::move(body));
}

EmulatorHttpAnswer EmulatorCommandProcessor::getUser(const Request &request, const QJsonObject &given,
                                                     const QByteArray &fingerprint)
{
    QJsonObject parameters;
    EmulatorHttpAnswer error;
    if (!bindParameters(given,
                        {QStringLiteral("Identity"), QStringLiteral("ResultSize"), QStringLiteral("Filter")},
                        &parameters, &error))
        return error;
    const QSet<QString> selection = parseSelection(request.select);
    QByteArray applied;
    const int pageSize = effectivePageSize(request.prefer, &applied);

    Cursor cursor;
    bool ownPolicyOnly = false;
    if (!request.skipToken.isEmpty()) {
        const auto it = m_cursors.constFind(request.skipToken.toLatin1());
        if (it == m_cursors.cend() || it->expiresAtMs < QDateTime::currentMSecsSinceEpoch() ||
            it->fingerprint != fingerprint)
            return paginationError();
        cursor = it.value();
        // The fingerprint holds the parameters, so the filter is the one the first page had.
        ownPolicyOnly = parameters.contains(QStringLiteral("Filter"));
    } else {
        const QJsonValue identity = parameters.value(QStringLiteral("Identity"));
        if (!identity.isUndefined() && !identity.isNull()) {
            if (!identity.isString())
                return wrongType(QStringLiteral("Identity"), identity,
                                 "Microsoft.Exchange.Configuration.Tasks.UserIdParameter");
            const int index = m_tenant.findDirectoryUser(identity.toString());
            if (index < 0)
                return notFound(identity.toString());
            QByteArray body;
            appendEnvelopeStart(body, request.baseUrl, request.tenantSegment, {});
            writeUser(body, m_tenant.directoryUser(index), selection);
            body += "]}";
            return jsonAnswer(std::move(body));
        }
        const QJsonValue filter = parameters.value(QStringLiteral("Filter"));
        if (filter.isNull())
            return nullArgument(QStringLiteral("Filter"));
        if (!filter.isUndefined()) {
            if (!filter.isString())
                return wrongType(QStringLiteral("Filter"), filter, "System.String");
            // The one server-side filter of exchange-protocol.md §9; anything else is refused the way
            // the service refuses a filter it cannot parse, not silently ignored.
            if (filter.toString().simplified().compare(QLatin1String("AuthenticationPolicy -ne $null"),
                                                       Qt::CaseInsensitive) != 0)
                return cmdletError(
                    400, QStringLiteral("BadRequest"), "Ex8C4E19",
                    QStringLiteral("System.Management.Automation.ParameterBindingException"),
                    QStringLiteral("Cannot bind parameter 'Filter' to the target. Exception setting "
                                   "\"Filter\": \"Invalid filter syntax. For a description of the filter "
                                   "parameter syntax see the command help. \"%1\" at position 1.\"")
                        .arg(filter.toString()));
            ownPolicyOnly = true;
        }
        int resultSize = 0;
        bool unlimited = false;
        if (!parseResultSize(parameters.value(QStringLiteral("ResultSize")), &resultSize, &unlimited, &error))
            return error;
        const EmulatorDirectory &directory = m_tenant.directory();
        const int total = ownPolicyOnly ? directory.usersWithOwnPolicy()
                                        : m_tenant.directoryUserCount() - directory.removedCount();
        cursor.fingerprint = fingerprint;
        cursor.end = m_tenant.directoryUserCount();
        cursor.rowsLeft = unlimited ? total : qMin(resultSize, total);
        cursor.truncated = !unlimited && total > resultSize;
    }
    const bool skipRemoved = m_tenant.directory().hasRemovedUsers();
    return pageAnswer(request, cursor, pageSize, applied,
                      [this, ownPolicyOnly, skipRemoved, &selection](QByteArray &out, int index) {
                          if (skipRemoved && m_tenant.isDirectoryUserRemoved(index))
                              return false;
                          // Filtered scans look at the policy first: most users have none, and building
                          // their view would make a filtered page cost a full enumeration.
                          if (ownPolicyOnly) {
                              const auto policy = m_tenant.directory().authenticationPolicyOf(
                                  m_tenant.directoryUserObjectId(index));
                              if (!policy || policy->isEmpty())
                                  return false;
                          }
                          const EmulatorDirectoryUser user = m_tenant.directoryUser(index);
                          writeUser(out, user, selection);
                          return true;
                      });
}

EmulatorHttpAnswer EmulatorCommandProcessor::batch(const Request &request, QStringList *cmdletNames,
                                                   bool *changed)
{
    const QByteArray mediaType = request.contentType.split(';').first().trimmed().toLower();
    if (mediaType != "application/json")
        return plainError(
            415, QStringLiteral("UnsupportedMediaType"),
            QStringLiteral("The request body must be sent with Content-Type application/json."));
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    const QJsonValue requestsValue = document.object().value(QStringLiteral("requests"));
    if (parseError.error != QJsonParseError::NoError || !document.isObject() || !requestsValue.isArray())
        return plainError(400, QStringLiteral("BadRequest"),
                          QStringLiteral("The batch body must be a JSON object with a 'requests' array."));
    const QJsonArray requests = requestsValue.toArray();
    if (requests.size() > kBatchLimit)
        return plainError(400, QStringLiteral("BadRequest"),
                          QStringLiteral("The batch contains %1 requests; the maximum is %2.")
                              .arg(requests.size())
                              .arg(kBatchLimit));
    QSet<QString> ids;
    for (const QJsonValue &value : requests) {
        const QJsonValue id = value.toObject().value(QStringLiteral("id"));
        if (!value.isObject() || !id.isString() || id.toString().isEmpty() || ids.contains(id.toString()))
            return plainError(400, QStringLiteral("BadRequest"),
                              QStringLiteral("Every batch request needs a unique, non-empty string 'id'."));
        ids.insert(id.toString());
    }

    QByteArray out = "{\"responses\":[";
    bool first = true;
    for (const QJsonValue &value : requests) {
        const QJsonObject sub = value.toObject();
        EmulatorHttpAnswer answer;
        const QUrl url(sub.value(QStringLiteral("url")).toString(), QUrl::StrictMode);
        const QStringList segments = url.path(QUrl::FullyDecoded).split(QLatin1Char('/'), Qt::SkipEmptyParts);
        const QJsonObject headers = sub.value(QStringLiteral("headers")).toObject();
        QByteArray prefer;
        QByteArray contentType = "application/json";
        for (auto it = headers.constBegin(); it != headers.constEnd(); ++it) {
            if (it.key().compare(QLatin1String("Prefer"), Qt::CaseInsensitive) == 0)
                prefer = it.value().toString().toUtf8();
            else if (it.key().compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0)
                contentType = it.value().toString().toUtf8();
        }
        if (sub.value(QStringLiteral("method"))
                .toString()
                .compare(QLatin1String("POST"), Qt::CaseInsensitive) != 0) {
            answer = plainError(405, QStringLiteral("MethodNotAllowed"),
                                QStringLiteral("InvokeCommand only accepts POST."));
        } else if (!url.isValid() || url.isRelative() || segments.size() != 4 ||
                   segments.at(0) != QLatin1String("adminapi") || segments.at(1) != QLatin1String("beta") ||
                   segments.at(3).compare(QLatin1String("InvokeCommand"), Qt::CaseInsensitive) != 0 ||
                   segments.at(2).compare(request.tenantSegment, Qt::CaseInsensitive) != 0) {
            answer =
                plainError(400, QStringLiteral("BadRequest"),
                           QStringLiteral("Batch request url must be the absolute InvokeCommand URL of this "
                                          "tenant."));
        } else if (!sub.value(QStringLiteral("body")).isObject()) {
            answer = plainError(400, QStringLiteral("BadRequest"),
                                QStringLiteral("Batch request body must be a JSON object."));
        } else {
            const QString query = url.query(QUrl::FullyEncoded);
            Request inner = request;
            inner.select = decodedQueryItem(query, u"$select");
            inner.skipToken = decodedQueryItem(query, u"$skiptoken");
            inner.prefer = prefer;
            inner.contentType = contentType;
            inner.body =
                QJsonDocument(sub.value(QStringLiteral("body")).toObject()).toJson(QJsonDocument::Compact);
            answer = invoke(inner, cmdletNames, changed);
        }

        if (!first)
            out += ',';
        first = false;
        out += "{\"id\":";
        EmulatorJson::appendString(out, sub.value(QStringLiteral("id")).toString());
        out += ",\"status\":" + QByteArray::number(answer.status) + ",\"headers\":{";
        bool firstHeader = true;
        for (const auto &header : std::as_const(answer.headers)) {
            if (!firstHeader)
                out += ',';
            firstHeader = false;
            EmulatorJson::appendString(out, header.first);
            out += ':';
            EmulatorJson::appendString(out, header.second);
        }
        out += "},\"body\":";
        const bool jsonBody = answer.header("Content-Type").contains("json") && !answer.body.isEmpty();
        out += jsonBody ? answer.body : QByteArray("null");
        out += '}';
    }
    out += "]}";
    EmulatorHttpAnswer answer;
    answer.addHeader("Content-Type", kJsonContentType);
    answer.body = std::move(out);
    return answer;
}

} // namespace smtpauth
