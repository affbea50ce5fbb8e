#include "emulatorcommandprocessor.h"

#include "emulatorjson.h"
#include "emulatorlogging.h"
#include "emulatortenant.h"
#include "emulatoruser.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QUrl>
#include <QUrlQuery>

#include <array>

namespace smtpauth {

namespace {

const QByteArray kJsonContentType =
    "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
const QString kServerFqdn = QStringLiteral("EMUPR01A001DC01.PROD.OUTLOOK.COM");
constexpr int kBatchLimit = 10;
constexpr int kDefaultResultSize = 1000; // PowerShell's default for Get-* cmdlets

const char kNullableBoolType[] = "System.Nullable`1[[System.Boolean, mscorlib, Version=4.0.0.0, Culture=neutral, "
                                 "PublicKeyToken=b77a5c561934e089]]";

// The full error envelope of exchange-protocol.md §5. The detail message is `Id|Type|Message`, the form
// clients split on '|' to get the human text.
EmulatorHttpAnswer cmdletError(int status, const QString &code, const char *errorId, const QString &exceptionType,
                               const QString &message)
{
    const QJsonObject error{
        {QStringLiteral("code"), code},
        {QStringLiteral("message"), QStringLiteral("Error executing cmdlet")},
        {QStringLiteral("details"),
         QJsonArray{QJsonObject{
             {QStringLiteral("code"), QStringLiteral("Client")},
             {QStringLiteral("target"), QString()},
             {QStringLiteral("message"),
              QString(QLatin1String(errorId) + QLatin1Char('|') + exceptionType + QLatin1Char('|') + message)},
         }}},
        {QStringLiteral("innererror"),
         QJsonObject{
             {QStringLiteral("message"), message},
             {QStringLiteral("type"), QStringLiteral("System.Management.Automation.RemoteException")},
             {QStringLiteral("internalexception"),
              QJsonObject{{QStringLiteral("message"), message}, {QStringLiteral("type"), exceptionType}}},
         }},
    };
    const QJsonObject root{{QStringLiteral("error"), error}, {QStringLiteral("@adminapi.warnings"), QJsonArray()}};
    EmulatorHttpAnswer answer;
    answer.status = status;
    answer.addHeader("Content-Type", kJsonContentType);
    answer.body = QJsonDocument(root).toJson(QJsonDocument::Compact);
    return answer;
}

EmulatorHttpAnswer plainError(int status, const QString &code, const QString &message)
{
    const QJsonObject root{
        {QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}};
    EmulatorHttpAnswer answer;
    answer.status = status;
    answer.addHeader("Content-Type", kJsonContentType);
    answer.body = QJsonDocument(root).toJson(QJsonDocument::Compact);
    return answer;
}

EmulatorHttpAnswer paginationError()
{
    return plainError(400, QStringLiteral("BadRequest"),
                      QStringLiteral("Expired or Invalid pagination request. Default Expiry time is 00:30:00"));
}

EmulatorHttpAnswer unknownParameter(const QString &name)
{
    return cmdletError(400, QStringLiteral("BadRequest"), "Ex7E4A12",
                       QStringLiteral("System.Management.Automation.ParameterBindingException"),
                       QStringLiteral("A parameter cannot be found that matches parameter name '%1'.").arg(name));
}

EmulatorHttpAnswer notFound(const QString &identity)
{
    return cmdletError(404, QStringLiteral("NotFound"), "Ex6F9304",
                       QStringLiteral("Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException"),
                       QStringLiteral("The operation couldn't be performed because object '%1' couldn't be found on "
                                      "'%2'.")
                           .arg(identity, kServerFqdn));
}

EmulatorHttpAnswer nullArgument(const QString &name)
{
    return cmdletError(400, QStringLiteral("BadRequest"), "Ex3C1B77",
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
    return cmdletError(400, QStringLiteral("BadRequest"), "Ex2D9E58",
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
    const QString context = baseUrl + QStringLiteral("/adminapi/beta/") + tenantSegment
        + QStringLiteral("/$metadata#Collection(Exchange.GenericHashTable)");
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
    w.guid("Guid", m.guid);
    w.rawString("ExternalDirectoryObjectId", m.externalDirectoryObjectId.toByteArray(QUuid::WithoutBraces).constData());
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
    w.rawString("ServerLegacyDN", "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration");
    w.boolean("IsValid", true);
    w.rawString("ObjectState", "Unchanged");
    w.finish();
}

} // namespace

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
    QByteArray raw = QByteArray::number(++m_cursorSerial) + ':' + QByteArray::number(cursor.offset) + ':'
        + QByteArray::number(QRandomGenerator::global()->generate64());
    const QByteArray token =
        QCryptographicHash::hash(raw, QCryptographicHash::Sha256).toBase64(QByteArray::Base64UrlEncoding
                                                                           | QByteArray::OmitTrailingEquals);
    m_cursors.insert(token, cursor);
    return token;
}

EmulatorHttpAnswer EmulatorCommandProcessor::invoke(const Request &request, QStringList *cmdletNames, bool *changed)
{
    const QByteArray mediaType = request.contentType.split(';').first().trimmed().toLower();
    if (mediaType != "application/json")
        return plainError(415, QStringLiteral("UnsupportedMediaType"),
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

    enum class Cmdlet { GetCas, SetCas, GetTransport, SetTransport } cmdlet;
    if (cmdletName.compare(QLatin1String("Get-CASMailbox"), Qt::CaseInsensitive) == 0)
        cmdlet = Cmdlet::GetCas;
    else if (cmdletName.compare(QLatin1String("Set-CASMailbox"), Qt::CaseInsensitive) == 0)
        cmdlet = Cmdlet::SetCas;
    else if (cmdletName.compare(QLatin1String("Get-TransportConfig"), Qt::CaseInsensitive) == 0)
        cmdlet = Cmdlet::GetTransport;
    else if (cmdletName.compare(QLatin1String("Set-TransportConfig"), Qt::CaseInsensitive) == 0)
        cmdlet = Cmdlet::SetTransport;
    else
        return cmdletError(400, QStringLiteral("BadRequest"), "Ex0B5C4D",
                           QStringLiteral("System.Management.Automation.CommandNotFoundException"),
                           QStringLiteral("The term '%1' is not recognized as the name of a cmdlet, function, script "
                                          "file, or operable program.")
                               .arg(cmdletName));

    // RBAC is checked before the parameters: a user without the role never learns more than "forbidden".
    const bool allowed = (cmdlet == Cmdlet::SetCas && request.user->canSetCasMailbox)
        || (cmdlet == Cmdlet::SetTransport && request.user->canSetTransportConfig) || cmdlet == Cmdlet::GetCas
        || cmdlet == Cmdlet::GetTransport;
    if (!allowed) {
        EmulatorHttpAnswer answer;
        answer.status = 403;
        answer.addHeader("x-ms-diagnostics",
                         QByteArray("2000008;reason=\"The user does not have the required role to run ")
                             + (cmdlet == Cmdlet::SetCas ? "Set-CASMailbox" : "Set-TransportConfig")
                             + ".\";error_category=\"insufficient_permissions\"");
        if (request.user->forbiddenBodyHasNuls)
            answer.body = QByteArray(3, '\0');
        return answer;
    }

    if (!request.skipToken.isEmpty() && cmdlet != Cmdlet::GetCas)
        return paginationError();

    QJsonObject canonicalInput;
    canonicalInput.insert(QStringLiteral("CmdletName"), cmdletName.toLower());
    canonicalInput.insert(QStringLiteral("Parameters"), given);
    const QByteArray fingerprint = QJsonDocument(canonicalInput).toJson(QJsonDocument::Compact) + '\n'
        + request.select.toUtf8() + '\n' + request.tenantSegment.toLower().toUtf8();

    switch (cmdlet) {
    case Cmdlet::GetCas:
        return getCasMailbox(request, given, fingerprint);
    case Cmdlet::SetCas:
        return setCasMailbox(given, changed);
    case Cmdlet::GetTransport:
        return getTransportConfig(request);
    case Cmdlet::SetTransport:
        return setTransportConfig(given, changed);
    }
    return plainError(500, QStringLiteral("InternalServerError"), QStringLiteral("unreachable"));
}

EmulatorHttpAnswer EmulatorCommandProcessor::getCasMailbox(const Request &request, const QJsonObject &given,
                                                           const QByteArray &fingerprint)
{
    QJsonObject parameters;
    EmulatorHttpAnswer error;
    if (!bindParameters(given, {QStringLiteral("Identity"), QStringLiteral("ResultSize")}, &parameters, &error))
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
                return wrongType(QStringLiteral("ResultSize"), sizeValue, "Microsoft.Exchange.Data.Unlimited`1[System.UInt32]");
        } else if (sizeValue.isDouble()) {
            const double number = sizeValue.toDouble();
            if (number < 1 || number != double(qint64(number)))
                return cmdletError(400, QStringLiteral("BadRequest"), "Ex1A2F60",
                                   QStringLiteral("System.Management.Automation.ParameterBindingValidationException"),
                                   QStringLiteral("Cannot validate argument on parameter 'ResultSize'. The argument "
                                                  "\"%1\" is not a positive whole number.")
                                       .arg(number));
            resultSize = int(qMin<double>(number, std::numeric_limits<int>::max()));
        } else if (sizeValue.isNull()) {
            return nullArgument(QStringLiteral("ResultSize"));
        } else if (!sizeValue.isUndefined()) {
            return wrongType(QStringLiteral("ResultSize"), sizeValue, "Microsoft.Exchange.Data.Unlimited`1[System.UInt32]");
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
        warnings.append(QStringLiteral("There are more results available than are currently displayed. To view "
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
        QString link = request.baseUrl + QStringLiteral("/adminapi/beta/") + request.tenantSegment
            + QStringLiteral("/InvokeCommand?%24skiptoken=") + QString::fromLatin1(issueCursor(next));
        if (!request.select.isEmpty())
            link += QStringLiteral("&%24select=") + QString::fromLatin1(QUrl::toPercentEncoding(request.select, ","));
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
    static const QStringList kBoolSettings{QStringLiteral("PopEnabled"), QStringLiteral("ImapEnabled"),
                                           QStringLiteral("ActiveSyncEnabled"), QStringLiteral("OWAEnabled"),
                                           QStringLiteral("MAPIEnabled"), QStringLiteral("EwsEnabled")};
    QJsonObject parameters;
    EmulatorHttpAnswer error;
    if (!bindParameters(given,
                        QStringList{QStringLiteral("Identity"), QStringLiteral("SmtpClientAuthenticationDisabled")}
                            + kBoolSettings,
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
        return wrongType(QStringLiteral("Identity"), identity, "Microsoft.Exchange.Configuration.Tasks.MailboxIdParameter");

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
    if (!bindParameters(given, {QStringLiteral("SmtpClientAuthenticationDisabled"), QStringLiteral("AllowLegacyTLSClients")},
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
        warnings.append(QStringLiteral("The command completed successfully but no settings of 'Transport Settings' "
                                       "have been modified."));
    else
        *changed = true;
    QByteArray body;
    appendEnvelopeStart(body, QString(), QString(), warnings);
    body += "]}";
    return jsonAnswer(std::move(body));
}

EmulatorHttpAnswer EmulatorCommandProcessor::batch(const Request &request, QStringList *cmdletNames, bool *changed)
{
    const QByteArray mediaType = request.contentType.split(';').first().trimmed().toLower();
    if (mediaType != "application/json")
        return plainError(415, QStringLiteral("UnsupportedMediaType"),
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
        if (sub.value(QStringLiteral("method")).toString().compare(QLatin1String("POST"), Qt::CaseInsensitive) != 0) {
            answer = plainError(405, QStringLiteral("MethodNotAllowed"),
                                QStringLiteral("InvokeCommand only accepts POST."));
        } else if (!url.isValid() || url.isRelative() || segments.size() != 4
                   || segments.at(0) != QLatin1String("adminapi") || segments.at(1) != QLatin1String("beta")
                   || segments.at(3).compare(QLatin1String("InvokeCommand"), Qt::CaseInsensitive) != 0
                   || segments.at(2).compare(request.tenantSegment, Qt::CaseInsensitive) != 0) {
            answer = plainError(400, QStringLiteral("BadRequest"),
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
            inner.body = QJsonDocument(sub.value(QStringLiteral("body")).toObject()).toJson(QJsonDocument::Compact);
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
