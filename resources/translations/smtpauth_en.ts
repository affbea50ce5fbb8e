<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>smtpauth::AuthorizationCodeSignIn</name>
    <message numerus="yes">
        <source>Sign-in timed out: no answer from the browser within %n second(s).</source>
        <translation>
            <numerusform>Sign-in timed out: no answer from the browser within %n second.</numerusform>
            <numerusform>Sign-in timed out: no answer from the browser within %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smtpauth::ChangeApplier</name>
    <message numerus="yes">
        <source>Reading the current values of %n target(s)…</source>
        <translation>
            <numerusform>Reading the current values of %n target…</numerusform>
            <numerusform>Reading the current values of %n targets…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: %n change(s) not sent; finishing the %1 already sent…</source>
        <translation>
            <numerusform>Cancelled: %n change not sent; finishing the %1 already sent…</numerusform>
            <numerusform>Cancelled: %n changes not sent; finishing the %1 already sent…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Writing %n change(s)…</source>
        <translation>
            <numerusform>Writing %n change…</numerusform>
            <numerusform>Writing %n changes…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smtpauth::ConsoleSession</name>
    <message numerus="yes">
        <source>Basic authentication for SMTP AUTH goes off by default on %1 (%n day(s) left).</source>
        <translation>
            <numerusform>Basic authentication for SMTP AUTH goes off by default on %1 (%n day left).</numerusform>
            <numerusform>Basic authentication for SMTP AUTH goes off by default on %1 (%n days left).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smtpauth::DirectoryLoader</name>
    <message numerus="yes">
        <source>Get-OrganizationConfig answered %n object(s) instead of one.</source>
        <translation>
            <numerusform>Get-OrganizationConfig answered %n object instead of one.</numerusform>
            <numerusform>Get-OrganizationConfig answered %n objects instead of one.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smtpauth::HistoryView</name>
    <message numerus="yes">
        <source>Changes shown: %n</source>
        <translation>
            <numerusform>Changes shown: %n</numerusform>
            <numerusform>Changes shown: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changes selected: %n. Select one to see its trail.</source>
        <translation>
            <numerusform>Changes selected: %n. Select one to see its trail.</numerusform>
            <numerusform>Changes selected: %n. Select one to see its trail.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported to %1 (changes: %n)</source>
        <translation>
            <numerusform>Exported to %1 (changes: %n)</numerusform>
            <numerusform>Exported to %1 (changes: %n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smtpauth::JournalReconciler</name>
    <message numerus="yes">
        <source>%n interrupted change(s) could not be checked against the server and stay unsettled.</source>
        <translation>
            <numerusform>%n interrupted change could not be checked against the server and stays unsettled.</numerusform>
            <numerusform>%n interrupted changes could not be checked against the server and stay unsettled.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smtpauth::MainWindow</name>
    <message numerus="yes">
        <source>Applying %n change(s)…</source>
        <translation>
            <numerusform>Applying %n change…</numerusform>
            <numerusform>Applying %n changes…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mailbox(es) already %1.</source>
        <translation>
            <numerusform>%n mailbox already %1.</numerusform>
            <numerusform>%n mailboxes already %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) staged.</source>
        <translation>
            <numerusform>%n change staged.</numerusform>
            <numerusform>%n changes staged.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) applied.</source>
        <translation>
            <numerusform>%n change applied.</numerusform>
            <numerusform>%n changes applied.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already so.</source>
        <translation>
            <numerusform>%n was already so.</numerusform>
            <numerusform>%n were already so.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in conflict.</source>
        <translation>
            <numerusform>%n in conflict.</numerusform>
            <numerusform>%n in conflict.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed (see History).</source>
        <translation>
            <numerusform>%n failed (see History).</numerusform>
            <numerusform>%n failed (see History).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing was staged: %n problem(s) in %1. A file is staged whole or not at all.</source>
        <translation>
            <numerusform>Nothing was staged: %n problem in %1. A file is staged whole or not at all.</numerusform>
            <numerusform>Nothing was staged: %n problems in %1. A file is staged whole or not at all.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) read from %1; the review asks for the reason.</source>
        <translation>
            <numerusform>%n change read from %1; the review asks for the reason.</numerusform>
            <numerusform>%n changes read from %1; the review asks for the reason.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mailbox(es) exported to %1.</source>
        <translation>
            <numerusform>%n mailbox exported to %1.</numerusform>
            <numerusform>%n mailboxes exported to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln mailbox(es) loaded.</source>
        <translation>
            <numerusform>%Ln mailbox loaded.</numerusform>
            <numerusform>%Ln mailboxes loaded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>SMTP AUTH is %1 for the organization; %Ln mailbox(es) have their own override.</source>
        <translation>
            <numerusform>SMTP AUTH is %1 for the organization; %Ln mailbox has its own override.</numerusform>
            <numerusform>SMTP AUTH is %1 for the organization; %Ln mailboxes have their own override.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing %1 of %Ln mailbox(es)</source>
        <translation>
            <numerusform>Showing %1 of %Ln mailbox</numerusform>
            <numerusform>Showing %1 of %Ln mailboxes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smtpauth::OrgSwitchDialog</name>
    <message numerus="yes">
        <source>&lt;b&gt;%n mailbox(es) will lose SMTP AUTH&lt;/b&gt;: they inherit the organization setting, so devices and applications that send through them with SMTP AUTH stop working. Mailboxes with their own override keep it.</source>
        <translation>
            <numerusform>&lt;b&gt;%n mailbox will lose SMTP AUTH&lt;/b&gt;: it inherits the organization setting, so devices and applications that send through it with SMTP AUTH stop working. Mailboxes with their own override keep it.</numerusform>
            <numerusform>&lt;b&gt;%n mailboxes will lose SMTP AUTH&lt;/b&gt;: they inherit the organization setting, so devices and applications that send through them with SMTP AUTH stop working. Mailboxes with their own override keep it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n mailbox(es) will be allowed SMTP AUTH&lt;/b&gt;: they inherit the organization setting. Mailboxes with their own override keep it.</source>
        <translation>
            <numerusform>&lt;b&gt;%n mailbox will be allowed SMTP AUTH&lt;/b&gt;: it inherits the organization setting. Mailboxes with their own override keep it.</numerusform>
            <numerusform>&lt;b&gt;%n mailboxes will be allowed SMTP AUTH&lt;/b&gt;: they inherit the organization setting. Mailboxes with their own override keep it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Disable for %n mailbox(es)</source>
        <translation>
            <numerusform>&amp;Disable for %n mailbox</numerusform>
            <numerusform>&amp;Disable for %n mailboxes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Enable for %n mailbox(es)</source>
        <translation>
            <numerusform>&amp;Enable for %n mailbox</numerusform>
            <numerusform>&amp;Enable for %n mailboxes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smtpauth::PagedEnumeration</name>
    <message numerus="yes">
        <source>The server&apos;s page link expired after %n page(s); reading again from the first page.</source>
        <translation>
            <numerusform>The server&apos;s page link expired after %n page; reading again from the first page.</numerusform>
            <numerusform>The server&apos;s page link expired after %n pages; reading again from the first page.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smtpauth::ReadinessView</name>
    <message numerus="yes">
        <source>%n stale exception(s) staged to inherit; review them with a reason.</source>
        <translation>
            <numerusform>%n stale exception staged to inherit; review it with a reason.</numerusform>
            <numerusform>%n stale exceptions staged to inherit; review them with a reason.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) in the file: %1</source>
        <translation>
            <numerusform>%n problem in the file: %1</numerusform>
            <numerusform>%n problems in the file: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mailbox(es) exported to %1.</source>
        <translation>
            <numerusform>%n mailbox exported to %1.</numerusform>
            <numerusform>%n mailboxes exported to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smtpauth::ReviewDialog</name>
    <message numerus="yes">
        <source>%n change(s) staged.</source>
        <translation>
            <numerusform>%n change staged.</numerusform>
            <numerusform>%n changes staged.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled before anything was sent: nothing was changed; the %n change(s) stay staged.</source>
        <translation>
            <numerusform>Cancelled before anything was sent: nothing was changed; the change stays staged.</numerusform>
            <numerusform>Cancelled before anything was sent: nothing was changed; the %n changes stay staged.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) cancelled before sending: not sent, nothing changed for them.</source>
        <translation>
            <numerusform>%n change cancelled before sending: not sent, nothing changed for it.</numerusform>
            <numerusform>%n changes cancelled before sending: not sent, nothing changed for them.</numerusform>
        </translation>
    </message>
</context>
</TS>
