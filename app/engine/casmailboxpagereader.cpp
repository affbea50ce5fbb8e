// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/casmailboxpagereader.h"

#include "engine/casmailboxmapper.h"
#include "engine/plainpagereader.h"

namespace smtpauth {

namespace {

// Each object of the page into a CasMailboxFields, mapped by CasMailboxMapper as the full parse maps it.
class MailboxSink : public PlainPageReader::ObjectSink
{
public:
    explicit MailboxSink(CasMailboxPageReader::Page *page) : m_page(page) { m_page->mailboxes.reserve(1000); }
    void startObject() override { m_fields = {}; }
    WireValue *field(QByteArrayView utf8Name) override { return m_fields.field(utf8Name); }
    void finishObject() override
    {
        QString problem;
        if (auto mailbox = CasMailboxMapper::fromFields(m_fields, &problem))
            m_page->mailboxes.append(std::move(*mailbox));
        else
            m_page->problems.append(problem);
    }

private:
    CasMailboxPageReader::Page *m_page;
    CasMailboxFields m_fields;
};

} // namespace

std::optional<CasMailboxPageReader::Page> CasMailboxPageReader::read(QByteArrayView body)
{
    return PlainPageReader::readPage<Page, MailboxSink>(body);
}

} // namespace smtpauth
