// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArrayView>
#include <QtGlobal>

// The order people expect of names with numbers in them: "Scanner Floor 3 2" before "Scanner Floor 3 10".
// It works on the folded UTF-8 keys MailboxStore keeps for every row, so sorting 100,000 names still folds
// nothing and allocates nothing: runs of ASCII digits compare by their value (leading zeros ignored,
// then by their digits), everything else byte by byte, as the plain key compare did.
namespace smtpauth::NaturalOrder {

// < 0, 0 or > 0. Equal only for keys that differ in leading zeros at most ("a07" and "a7").
int compare(QByteArrayView left, QByteArrayView right);

// The first eight bytes of a key as a number whose order never contradicts compare(): the bytes up to the
// first digit, then the digit as '0' (a number, whatever its value), then zeros. Two keys whose prefixes
// differ are ordered by them; equal prefixes say nothing, and compare() decides.
quint64 prefixKey(QByteArrayView key);

} // namespace smtpauth::NaturalOrder
