// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Fuzzes NextLinkValidator::validate. Input: the nextLink text (UTF-8). Two endpoints are checked: the
// real service shape and the emulator's loopback one.
#include "exchange/nextlinkvalidator.h"
#include "fuzzinput.h"

#include <QStringList>

using namespace smtpauth;

namespace {

void checkAgainst(const ExchangeEndpoint &endpoint, const QString &link)
{
    const NextLinkValidator validator(endpoint);
    QUrl url;
    const ExchangeError error = validator.validate(link, &url);
    if (error.isError()) {
        fuzz::require(error.category() == ExchangeError::Category::Protocol,
                      "rejection is not a Protocol error");
        return;
    }
    // The whole point of the validator: the bearer token may only ever travel to our own endpoint.
    fuzz::require(url.isValid(), "accepted an invalid URL");
    fuzz::require(url.scheme().compare(endpoint.apiBase.scheme(), Qt::CaseInsensitive) == 0,
                  "scheme changed");
    fuzz::require(url.host().compare(endpoint.apiBase.host(), Qt::CaseInsensitive) == 0, "host changed");
    fuzz::require(url.port(url.scheme() == QLatin1String("https") ? 443 : 80) ==
                      endpoint.apiBase.port(endpoint.apiBase.scheme() == QLatin1String("https") ? 443 : 80),
                  "port changed");
    fuzz::require(url.userInfo().isEmpty(), "accepted user info");
    const QString expectedPath =
        QStringLiteral("/adminapi/beta/") + endpoint.tenant + QStringLiteral("/InvokeCommand");
    fuzz::require(url.path().compare(expectedPath, Qt::CaseInsensitive) == 0,
                  "path is not this tenant's InvokeCommand");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString link = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));

    ExchangeEndpoint cloud;
    cloud.apiBase = QUrl(QStringLiteral("https://outlook.office365.com"));
    cloud.tenant = QStringLiteral("3f2a8c1e-5b7d-4e9a-8c21-0d6f4b2a9e11");
    checkAgainst(cloud, link);

    ExchangeEndpoint loopback;
    loopback.apiBase = QUrl(QStringLiteral("http://127.0.0.1:8443"));
    loopback.tenant = QStringLiteral("contoso.onmicrosoft.com");
    checkAgainst(loopback, link);
    return 0;
}
