// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/userpolicypagereader.h"

#include "engine/plainpagereader.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace smtpauth {

namespace {

constexpr QLatin1String kGuid("Guid");
constexpr QLatin1String kExternalDirectoryObjectId("ExternalDirectoryObjectId");
constexpr QLatin1String kUserPrincipalName("UserPrincipalName");
constexpr QLatin1String kAuthenticationPolicy("AuthenticationPolicy");

QString referenceText(const WireValue &value)
{
    switch (value.kind) {
    case WireValue::Kind::Absent:
    case WireValue::Kind::Null:
        return {};
    case WireValue::Kind::String:
        return value.string;
    case WireValue::Kind::Bool:
        return value.boolean ? QStringLiteral("true") : QStringLiteral("false");
    case WireValue::Kind::Other:
        break;
    }
    // A number, an object or an array where a policy's name belongs: kept as written, never read as "none".
    if (value.other.isObject())
        return QString::fromUtf8(QJsonDocument(value.other.toObject()).toJson(QJsonDocument::Compact));
    if (value.other.isArray())
        return QString::fromUtf8(QJsonDocument(value.other.toArray()).toJson(QJsonDocument::Compact));
    return QString::number(value.other.toDouble());
}

class UserSink : public PlainPageReader::ObjectSink
{
public:
    explicit UserSink(UserPolicyPageReader::Page *page) : m_page(page) { m_page->rows.reserve(1000); }
    void startObject() override { m_fields = {}; }
    WireValue *field(QByteArrayView utf8Name) override { return m_fields.field(utf8Name); }
    void finishObject() override { m_page->rows.push_back(UserPolicyPageReader::fromFields(m_fields)); }

private:
    UserPolicyPageReader::Page *m_page;
    UserPolicyPageReader::Fields m_fields;
};

} // namespace

WireValue *UserPolicyPageReader::Fields::field(QByteArrayView utf8Name)
{
    // Exact, case-sensitive names, as QJsonObject::value() matches them.
    const QLatin1String wanted(utf8Name.data(), utf8Name.size());
    if (wanted == kGuid)
        return &guid;
    if (wanted == kExternalDirectoryObjectId)
        return &externalDirectoryObjectId;
    if (wanted == kUserPrincipalName)
        return &userPrincipalName;
    if (wanted == kAuthenticationPolicy)
        return &authenticationPolicy;
    return nullptr;
}

UserPolicyRow UserPolicyPageReader::fromFields(const Fields &fields)
{
    return {QUuid(fields.externalDirectoryObjectId.text()), QUuid(fields.guid.text()),
            fields.userPrincipalName.text(), referenceText(fields.authenticationPolicy)};
}

UserPolicyRow UserPolicyPageReader::fromObject(const QJsonObject &object)
{
    Fields fields;
    fields.guid = WireValue::fromJson(object.value(kGuid));
    fields.externalDirectoryObjectId = WireValue::fromJson(object.value(kExternalDirectoryObjectId));
    fields.userPrincipalName = WireValue::fromJson(object.value(kUserPrincipalName));
    fields.authenticationPolicy = WireValue::fromJson(object.value(kAuthenticationPolicy));
    return fromFields(fields);
}

std::optional<UserPolicyPageReader::Page> UserPolicyPageReader::read(QByteArrayView body)
{
    return PlainPageReader::readPage<Page, UserSink>(body);
}

} // namespace smtpauth
