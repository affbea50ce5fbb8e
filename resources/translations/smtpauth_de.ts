<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ChangeImport</name>
    <message>
        <source>%1 more problems are not listed; fix the ones above and check the file again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this line contains a NUL byte (at byte %1): the file looks like UTF-16 or is not a text file; save it as &quot;CSV UTF-8&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this line is not valid UTF-8 (byte 0x%1 at byte %2); the file was probably saved in a legacy encoding; save it as &quot;CSV UTF-8&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the quoted cell in %1 starts on this line and is never closed; add the closing double quote (&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is text after the closing double quote in %1; put the whole cell in double quotes and write every quote inside it twice (&quot;&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 contains a double quote but is not quoted; put the whole cell in double quotes and write the quote twice (&quot;&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the first line must name the columns, for example %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tabs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the columns are separated by %1, not by commas; save the file as &quot;CSV UTF-8 (comma delimited)&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column %1 of the header has no name; name it (%2) or remove the extra comma</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the header names the column %1 twice (columns %2 and %3); keep one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this line is not a header (no column is named mailbox, to or reason); %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the header has an unknown column %1; the columns are mailbox, to, reason and optionally ticket; remove or rename it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the header has no &apos;%1&apos; column; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty; it needs a header line (%1) and one row per change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is %1 bytes; the limit is %2 bytes; split it into smaller files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is UTF-16; save it as UTF-8 (in Excel: &quot;CSV UTF-8 (comma delimited)&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file has more than %1 rows; split it into smaller files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this row has %1 cells but the header has %2 columns (%3); put a cell that contains a comma in double quotes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this row has %1 cells but the header has %2 columns (%3); add the missing cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mailbox cell is empty; write the mailbox&apos;s address, UPN, Guid or ExternalDirectoryObjectId</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mailbox %1 was not found; check the spelling, or use its primary SMTP address or Guid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mailbox %1 is already changed on line %2; keep one row per mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mailbox %1 is the same mailbox as %2 on line %3; keep one row per mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the &apos;to&apos; cell is empty; write enabled, disabled or inherit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;to&apos; is %1; write enabled, disabled or inherit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reason is empty; every change needs a reason (it is kept in the journal), for example the ticket or the device that needs SMTP AUTH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file has a header but no rows; add one row per change below the header</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SmtpAuthPolicy</name>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Inherit</source>
        <translation>Erben</translation>
    </message>
    <message>
        <source>Org</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Mailbox</source>
        <translation>Postfach</translation>
    </message>
    <message>
        <source>Inherits (Enabled)</source>
        <translation>Erbt (Aktiviert)</translation>
    </message>
    <message>
        <source>Inherits (Disabled)</source>
        <translation>Erbt (Deaktiviert)</translation>
    </message>
</context>
<context>
    <name>smtpauth</name>
    <message>
        <source>The access token was rejected (HTTP 401).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access denied (HTTP 403).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The object was not found (HTTP 404).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests (HTTP 429).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service is temporarily unavailable (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with a redirect (HTTP %1), which is not followed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered HTTP %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::AuthorizationCodeSignIn</name>
    <message numerus="yes">
        <source>Sign-in timed out: no answer from the browser within %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot listen for the sign-in redirect on 127.0.0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: the authorization request does not carry this attempt&apos;s state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in answer did not belong to this sign-in attempt and was rejected. Start the sign-in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in answer carried neither an authorization code nor an error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::BatchCall</name>
    <message>
        <source>Refused to send %1 with a null Identity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The batch answer has no response for this request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::ChangeApplier</name>
    <message>
        <source>The journal could not record the batch: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal could not record the changes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Reading the current values of %n target(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled before sending; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: the current value could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already %1 on the server; nothing to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: the server value is now %1, not %2 as seen when the change was staged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Writing %n change(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Checking what the server now says…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server accepted the change but now shows %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outcome is unknown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal could not record the outcome: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::ConsoleSession</name>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Helpdesk (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change journal cannot be opened, so changes are disabled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo tenant did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in to the demo tenant failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cached mailbox list was not usable and is ignored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mailbox list could not be cached for the next start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refreshing failed; showing the earlier list. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes are disabled: the change journal is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to use profile &apos;%1&apos; (or start with --demo to try the demo tenant).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out, but the keychain entries could not be removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::ExchangeError</name>
    <message>
        <source>Could not reach Exchange Online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange Online did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in is no longer accepted; sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permission denied: the signed-in account lacks the Exchange role needed for this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange rejected the command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange Online is throttling requests; wait a few minutes and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange Online is temporarily unavailable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list expired while it was being read; it must be read again from the start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected answer from Exchange Online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused an insecure connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::HeadlessAuthorizationOpener</name>
    <message>
        <source>HTTP %1 instead of a redirect (the server wants an interactive page)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authorization server did not approve automatically: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refusing to follow a redirect to %1: only 127.0.0.1 and localhost are allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not deliver the sign-in redirect to the local listener: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::HistoryTableModel</name>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent, no answer yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown (may have reached the server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before → After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::HistoryView</name>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Org setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit to changes since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unchecked: any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes since (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit to changes until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes until (local time, inclusive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mailbox:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact address or GUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Operator:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact sign-in name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear all history filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of changes shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One row per change, newest first. Select a row to see its trail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trail of the selected change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History table and details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload the history from the journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the shown changes as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the shown changes as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo &amp;change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the selected change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the value before the selected applied change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo &amp;batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the batch of the selected change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the values before every change of the selected change&apos;s batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal is not open: no history to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) shown</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Undo change %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo batch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a change to see its full trail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) selected.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 in batch %2 (%3) by %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target: the organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox GUID: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change: %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undoes change %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undoes batch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trail (local time):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (no events recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[request %1]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export history as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export history as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n change(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>smtpauth::InteractiveSignIn</name>
    <message>
        <source>The identity provider returned no readable ID token, so the account and tenant are unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identity provider returned no refresh token; check that the offline_access scope is granted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in, but the account details could not be saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::InvokeCommandCall</name>
    <message>
        <source>Refused to send %1 with a null Identity: it would return every object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::InvokeCommandResponse</name>
    <message>
        <source>an HTML page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>something that is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered HTTP %1 with %2 instead of an InvokeCommand result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reported an error with a success status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer has no &apos;value&apos; list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer&apos;s &apos;value&apos; is not a list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer&apos;s &apos;value&apos; holds something that is not an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer&apos;s &apos;@odata.nextLink&apos; is not a URL.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::JournalReconciler</name>
    <message>
        <source>Recovered after an interruption: the server shows %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not applied: interrupted before the server confirmed; the server shows %1. Apply it again if it is still wanted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n interrupted change(s) could not be checked against the server and stay unsettled.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Not applied: interrupted before the server confirmed, and the target no longer exists: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::KeychainSecretStore</name>
    <message>
        <source>Nothing is stored in the keychain for this profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain reported an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>access to the keychain was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain is locked or refused access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no Secret Service provider (such as GNOME Keyring or KWallet) is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usable keychain: %1 (%2). Start and unlock a keychain, or sign in for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::LoopbackReplyHandler</name>
    <message>
        <source>Sign-in complete. You can close this window and return to SMTP AUTH Console.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::MailboxTableModel</name>
    <message>
        <source>→ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>Primary address</source>
        <translation>Primäre Adresse</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Überschreibung</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>Wirksam</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Staged</source>
        <translation>Vorgemerkt</translation>
    </message>
    <message>
        <source>Last change (console)</source>
        <translation>Letzte Änderung (Konsole)</translation>
    </message>
</context>
<context>
    <name>smtpauth::MainWindow</name>
    <message>
        <source>SMTP AUTH Console</source>
        <translation>SMTP-AUTH-Konsole</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Ändern…</translation>
    </message>
    <message>
        <source>Change the organization setting</source>
        <translation>Einstellung der Organisation ändern</translation>
    </message>
    <message>
        <source>Search name or address (Ctrl+F)</source>
        <translation>Name oder Adresse suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Search mailboxes</source>
        <translation>Postfächer suchen</translation>
    </message>
    <message>
        <source>Effective state filter</source>
        <translation>Filter nach wirksamem Zustand</translation>
    </message>
    <message>
        <source>Any effective state</source>
        <translation>Jeder wirksame Zustand</translation>
    </message>
    <message>
        <source>Effective: Enabled</source>
        <translation>Wirksam: Aktiviert</translation>
    </message>
    <message>
        <source>Effective: Disabled</source>
        <translation>Wirksam: Deaktiviert</translation>
    </message>
    <message>
        <source>Source filter</source>
        <translation>Filter nach Quelle</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>Jede Quelle</translation>
    </message>
    <message>
        <source>Inherited from org</source>
        <translation>Von der Organisation geerbt</translation>
    </message>
    <message>
        <source>Mailbox override</source>
        <translation>Überschreibung am Postfach</translation>
    </message>
    <message>
        <source>Override value filter</source>
        <translation>Filter nach Überschreibung</translation>
    </message>
    <message>
        <source>Any override</source>
        <translation>Jede Überschreibung</translation>
    </message>
    <message>
        <source>Override: %1</source>
        <translation>Überschreibung: %1</translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation>Postfächer</translation>
    </message>
    <message>
        <source>&amp;Mailboxes</source>
        <translation>&amp;Postfächer</translation>
    </message>
    <message>
        <source>The server asked to wait %1 s (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Aktivieren</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <source>Reset to &amp;inherit</source>
        <translation>Auf &amp;Erben zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Unstage</source>
        <translation>Vormerkung &amp;aufheben</translation>
    </message>
    <message>
        <source>Unstage all</source>
        <translation>Alle Vormerkungen aufheben</translation>
    </message>
    <message>
        <source>&amp;Review and apply…</source>
        <translation>&amp;Prüfen und anwenden…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>%1 staged; %2 already %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) staged.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Signed in as %1 to tenant %2</source>
        <translation>Angemeldet als %1 beim Mandanten %2</translation>
    </message>
    <message>
        <source>Role: %1</source>
        <translation>Rolle: %1</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>weniger als einer Minute</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Showing the list saved %1 ago (%2) while it is read again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading mailboxes…</source>
        <translation>Postfächer werden geladen…</translation>
    </message>
    <message>
        <source>Loading mailboxes… %1 read (%2 per second)</source>
        <translation>Postfächer werden geladen… %1 gelesen (%2 pro Sekunde)</translation>
    </message>
    <message>
        <source>%1 mailboxes loaded.</source>
        <translation>%1 Postfächer geladen.</translation>
    </message>
    <message>
        <source>Loading started over: %1</source>
        <translation>Laden neu begonnen: %1</translation>
    </message>
    <message>
        <source>Reading the organization setting…</source>
        <translation>Einstellung der Organisation wird gelesen…</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>aktiviert</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message numerus="yes">
        <source>SMTP AUTH is %1 for the organization; %Ln mailbox(es) have their own override.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Showing %1 of %2 mailboxes</source>
        <translation>%1 von %2 Postfächern angezeigt</translation>
    </message>
    <message>
        <source>&amp;Review and apply %1…</source>
        <translation>%1 &amp;prüfen und anwenden…</translation>
    </message>
    <message>
        <source>No browser could be opened. Open this address in a browser to sign in:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Switch to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;), e.g. the tenant:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid profile name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out of profile &apos;%1&apos;? The sign-in is removed from the keychain. The change journal is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out, keep the cached list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out and delete the cached list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP AUTH Console — %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::MemorySecretStore</name>
    <message>
        <source>No secret is stored under &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::NextLinkValidator</name>
    <message>
        <source>Refused the server&apos;s next-page link: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a valid URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not an absolute URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its scheme differs from the configured endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it points to another host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it points to another port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it carries user credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not this tenant&apos;s InvokeCommand.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::OrgSwitchDialog</name>
    <message>
        <source>Change the organization setting</source>
        <translation>Einstellung der Organisation ändern</translation>
    </message>
    <message>
        <source>SMTP AUTH is &lt;b&gt;%1&lt;/b&gt; for the organization. Change it to &lt;b&gt;%2&lt;/b&gt;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n mailbox(es) inherit the organization setting and will change effective state; mailboxes with their own override keep it.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ticket:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2. %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::PagedEnumeration</name>
    <message>
        <source>Refused to send %1 with a null Identity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The server&apos;s page link expired after %n page(s); reading again from the first page.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::RetryingPost</name>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client was shut down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer within %1 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::ReviewDialog</name>
    <message>
        <source>Review changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These changes are sent to Exchange Online when you apply them. Each is recorded in the journal with your reason and can be undone from the History tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes to apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailbox</source>
        <translation>Postfach</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Überschreibung</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>Wirksam</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why? (required; recorded with every change)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket number (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticket number (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ticket:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asked to wait %1 s (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>staged</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) staged.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Enter a reason first: it is recorded with every change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the ticket number first: this profile requires one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. Nothing was sent; the changes stay staged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The changes are already being written and can no longer be cancelled; their outcome follows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch %1: %2 applied, %3 already so, %4 conflict(s), %5 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes that were not applied stay staged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::SignInError</name>
    <message>
        <source>Sign-in was declined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An administrator of this tenant must first grant consent to the application.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tenant requires an interactive sign-in (for example MFA); sign in with the browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client id is not accepted by the identity platform (unknown application, or not registered as a public client).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in has expired or was revoked; sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identity platform rejected the sign-in request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identity platform is temporarily unavailable; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in failed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::SignInPage</name>
    <message>
        <source>&lt;h2&gt;Sign in to Exchange Online&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in happens in your web browser, with your usual multi-factor authentication. The console keeps the sign-in in the system keychain, never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contoso.onmicrosoft.com or the tenant ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worldwide (including GCC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GCC High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DoD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>21Vianet (China)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cloud:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange admin API base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in authority URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Authority URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>admin@contoso.onmicrosoft.com (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acc&amp;ount:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ad&amp;vanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application (client) ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The console&apos;s app registration in your tenant (see the README)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application (client) &amp;ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the sign-in in memory only; you will sign in again at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the sign-in in your browser… Finish it there, or cancel here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in failed: %1
Check the details and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain cannot keep your sign-in: %1
Unlock or start the keychain (Secret Service) and try again, or sign in for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::SummaryTiles</name>
    <message>
        <source>Enabled by org</source>
        <translation>Aktiviert durch Organisation</translation>
    </message>
    <message>
        <source>Enabled by override</source>
        <translation>Aktiviert durch Überschreibung</translation>
    </message>
    <message>
        <source>Disabled by org</source>
        <translation>Deaktiviert durch Organisation</translation>
    </message>
    <message>
        <source>Disabled by override</source>
        <translation>Deaktiviert durch Überschreibung</translation>
    </message>
    <message>
        <source>Show only these mailboxes</source>
        <translation>Nur diese Postfächer anzeigen</translation>
    </message>
</context>
<context>
    <name>smtpauth::TargetValueReader</name>
    <message>
        <source>The server returned no readable SmtpClientAuthenticationDisabled value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get-TransportConfig returned no readable SmtpClientAuthenticationDisabled value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mailbox was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server returned only part of the mailboxes; the value is unknown.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::TenantLoader</name>
    <message>
        <source>Get-TransportConfig did not return one object with a true/false SmtpClientAuthenticationDisabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server returned only part of the mailboxes (ResultSize limit); the list is incomplete and is not shown as complete.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::TokenProvider</name>
    <message>
        <source>Not signed in: no secret store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in: sign in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the sign-in from the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not renew the sign-in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out: sign in again. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in, but the sign-in cannot be kept for the next start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove the sign-in from the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::TokenResponse</name>
    <message>
        <source>The token endpoint answered HTTP %1 with something that is not an OAuth response.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint answered without an access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the token endpoint: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::TransportPolicy</name>
    <message>
        <source>The endpoint URL has no host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain http is only allowed to this computer (loopback); %1 needs https.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported URL scheme &apos;%1&apos;; https is required.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::UndoPlanner</name>
    <message>
        <source>&apos;%1&apos; is not a change or batch id (C12 or B3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no change %1 in the journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no batch %1 in the journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) was %3, nothing to undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to undo in %1: no change of it was applied.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
