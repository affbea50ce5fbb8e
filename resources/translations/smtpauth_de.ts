<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ApplicationRegistration</name>
    <message>
        <source>No application (client) ID: register the console in your tenant&apos;s Entra ID (see the README, &quot;Signing in to a real tenant&quot;) and enter its ID under Advanced (CLI: --client-id).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <name>Readiness</name>
    <message>
        <source>SMTP AUTH setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conditional Access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic retirement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>May block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReadinessClass</name>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usage source could be read: allow the readiness permissions, or import the SMTP AUTH clients report from the Exchange admin center.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaks at cutoff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the device or app to OAuth, High Volume Email, or a connector or relay before the cutoff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already failing: see the layer that decides it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unclear authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the SMTP AUTH clients report, or read sign-ins for the whole usage period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stale exception</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset to inherit (through the review, with a reason).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No use</source>
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
    <message>
        <source>the server gave no reason (empty body)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server gave no reason (a body of %1 NUL bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::AuthorizationCodeSignIn</name>
    <message numerus="yes">
        <source>Sign-in timed out: no answer from the browser within %n second(s).</source>
        <translation>
            <numerusform>Zeitüberschreitung bei der Anmeldung: keine Antwort vom Browser innerhalb von %n Sekunde.</numerusform>
            <numerusform>Zeitüberschreitung bei der Anmeldung: keine Antwort vom Browser innerhalb von %n Sekunden.</numerusform>
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
        <translation>
            <numerusform>Der aktuelle Wert von %n Ziel wird gelesen…</numerusform>
            <numerusform>Die aktuellen Werte von %n Zielen werden gelesen…</numerusform>
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
        <translation>
            <numerusform>%n Änderung wird geschrieben…</numerusform>
            <numerusform>%n Änderungen werden geschrieben…</numerusform>
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
    <message numerus="yes">
        <source>Cancelled: %n change(s) not sent; finishing the %1 already sent…</source>
        <translation>
            <numerusform>Abgebrochen: %n Änderung nicht gesendet; die %1 bereits gesendeten werden abgeschlossen…</numerusform>
            <numerusform>Abgebrochen: %n Änderungen nicht gesendet; die %1 bereits gesendeten werden abgeschlossen…</numerusform>
        </translation>
    </message>
    <message>
        <source>Not sent: the current value could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value was not read back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server acknowledged the change, but reading it back failed: %1 It is confirmed by the next recovery.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::ConsoleSession</name>
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
        <source>Sign in to use profile &apos;%1&apos;, or choose &quot;Try the demo tenant&quot; to look around first.</source>
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
    <message>
        <source>The cached readiness data was not usable and is ignored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The readiness data in Microsoft Graph (security defaults, Conditional Access) needs your consent before it can be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The readiness data could not be cached for the next start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security defaults are on: Basic SMTP AUTH is blocked for every mailbox, whatever these switches say.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microsoft has turned Basic authentication for SMTP AUTH off by default since %1: Basic clients are blocked unless it was turned back on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Basic authentication for SMTP AUTH goes off by default on %1 (%n day(s) left).</source>
        <translation>
            <numerusform>Die Standardauthentifizierung für SMTP AUTH wird am %1 standardmäßig abgeschaltet (noch %n Tag).</numerusform>
            <numerusform>Die Standardauthentifizierung für SMTP AUTH wird am %1 standardmäßig abgeschaltet (noch %n Tage).</numerusform>
        </translation>
    </message>
    <message>
        <source>Access to the readiness data is allowed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::CutoffReadiness</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not imported: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mailboxes&apos; addresses are being read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not read yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not imported: export it in the Exchange admin center (Reports &gt; Mail flow &gt; SMTP AUTH clients) and import it here</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::DirectoryLoader</name>
    <message>
        <source>Reading Conditional Access needs the Policy.Read.All permission and the Security Reader, Global Reader, Security Administrator or Conditional Access Administrator role (an Exchange Administrator alone cannot read it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading security defaults needs the Policy.Read.All permission and the Security Reader, Global Reader or Security Administrator role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading group members needs the GroupMember.Read.All permission.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access to readiness data has not been allowed for this application yet (%1). Allow access to readiness data in the window, or run: smtpauth-cli signin --graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: %3. This needs Microsoft Entra ID P1, which the tenant does not seem to have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microsoft Graph could not be reached or did not answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading authentication policies needs an Exchange role that includes Get-AuthenticationPolicy (View-Only Configuration, Organization Management, or Global Reader).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication policies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the organization&apos;s default policy needs View-Only Configuration or Organization Management.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Get-OrganizationConfig answered %n object(s) instead of one.</source>
        <translation>
            <numerusform>Get-OrganizationConfig lieferte %n Objekt statt einem.</numerusform>
            <numerusform>Get-OrganizationConfig lieferte %n Objekte statt einem.</numerusform>
        </translation>
    </message>
    <message>
        <source>Organization default policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading users: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading users needs a role with Get-User (View-Only Recipients, Mail Recipients, or any organization role).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get-User: the server returned only part of the users (its ResultSize warning), so users&apos; own policies are not known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conditional Access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members of group %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microsoft Graph listed this user&apos;s directory roles without their roleTemplateId (limited information); reading them needs the Directory.Read.All or RoleManagement.Read.Directory permission.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading another user&apos;s directory roles needs the User.Read.All or GroupMember.Read.All permission (Directory.Read.All for their role template ids).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::EmailAppUsageReport</name>
    <message>
        <source>The usage report is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The usage report has no column %1; the columns found are: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: the quoting is broken; the row was read as far as it goes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: no user principal name; the row is skipped</source>
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
        <source>The server answered with an HTML page instead of JSON (status %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with an HTML page (“%2”) instead of JSON (status %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something between this computer and Exchange Online (a proxy, firewall or sign-in page) may have answered in its place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer is not valid JSON (status %1): it is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer is not valid JSON (status %1): it is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer is not valid JSON (status %1): %2 at byte %3 of %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer was cut off after %1 of %2 bytes (status %3): the connection closed before the answer was complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer was cut off after %1 bytes (status %2): the connection closed before the answer was complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes announced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than %1 bytes received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer is too large: %1, above the limit of %2 MiB (status %3). It was refused unread so that memory use stays bounded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::GraphConsent</name>
    <message>
        <source>Not signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session ended while access was being granted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access was granted by %1, but this profile is signed in as %2; sign in with that account to allow access.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::GraphConsentPrompt</name>
    <message>
        <source>Allow access to readiness data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;The console reads these with your own sign-in, in the browser, once (read-only):&lt;/p&gt;&lt;ul&gt;%2&lt;/ul&gt;&lt;p&gt;Until then the Why panel shows these layers as unknown; everything else works.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow access…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::GraphPermission</name>
    <message>
        <source>read security defaults and Conditional Access policies (which can block Basic sign-ins)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the members of the groups Conditional Access policies include or exclude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the email app usage report (who used SMTP AUTH)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read sign-in logs (who still signs in with Basic SMTP AUTH)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read whether reports conceal user names (then usage cannot be matched to mailboxes)</source>
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
    <message>
        <source>Select a change to see its full trail.</source>
        <translation type="unfinished"></translation>
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
        <source>Changes shown: %n</source>
        <translation>
            <numerusform>Angezeigte Änderungen: %n</numerusform>
            <numerusform>Angezeigte Änderungen: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo &amp;change %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo &amp;batch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Changes selected: %n. Select one to see its trail.</source>
        <translation>
            <numerusform>Ausgewählte Änderungen: %n. Wählen Sie eine aus, um ihren Verlauf zu sehen.</numerusform>
            <numerusform>Ausgewählte Änderungen: %n. Wählen Sie eine aus, um ihren Verlauf zu sehen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported to %1 (changes: %n)</source>
        <translation>
            <numerusform>Nach %1 exportiert (Änderungen: %n)</numerusform>
            <numerusform>Nach %1 exportiert (Änderungen: %n)</numerusform>
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
        <translation>
            <numerusform>%n unterbrochene Änderung konnte nicht mit dem Server abgeglichen werden und bleibt offen.</numerusform>
            <numerusform>%n unterbrochene Änderungen konnten nicht mit dem Server abgeglichen werden und bleiben offen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not applied: interrupted before the server confirmed, and the target no longer exists: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed on recovery: the server shows %1.</source>
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
    <name>smtpauth::MailboxAddressLoader</name>
    <message>
        <source>not signed in to Exchange Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the mailboxes&apos; addresses…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the mailboxes&apos; addresses: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get-CASMailbox EmailAddresses: the server returned only part of the mailboxes (its ResultSize warning)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(stopped after %1 mailboxes; a partial read is not used)</source>
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
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation type="unfinished"></translation>
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
    <message numerus="yes">
        <source>%n change(s) staged.</source>
        <translation>
            <numerusform>%n Änderung vorgemerkt.</numerusform>
            <numerusform>%n Änderungen vorgemerkt.</numerusform>
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
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
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
        <translation>
            <numerusform>SMTP AUTH ist für die Organisation %1; %Ln Postfach hat eine eigene Einstellung.</numerusform>
            <numerusform>SMTP AUTH ist für die Organisation %1; %Ln Postfächer haben eine eigene Einstellung.</numerusform>
        </translation>
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
    <message>
        <source>Basic now filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any Basic verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided by filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided by any layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided by: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Readiness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow access in the browser window that opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No browser could be opened. Open this address to allow access: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undoing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Applying %n change(s)…</source>
        <translation>
            <numerusform>%n Änderung wird angewendet…</numerusform>
            <numerusform>%n Änderungen werden angewendet…</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading authentication policies, users, security defaults and Conditional Access…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not read, so those layers show as unknown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n mailbox(es) already %1.</source>
        <translation>
            <numerusform>%n Postfach bereits %1.</numerusform>
            <numerusform>%n Postfächer bereits %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing staged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was applied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) applied.</source>
        <translation>
            <numerusform>%n Änderung angewendet.</numerusform>
            <numerusform>%n Änderungen angewendet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already so.</source>
        <translation>
            <numerusform>%n war bereits so.</numerusform>
            <numerusform>%n waren bereits so.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in conflict.</source>
        <translation>
            <numerusform>%n im Konflikt.</numerusform>
            <numerusform>%n im Konflikt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed (see History).</source>
        <translation>
            <numerusform>%n fehlgeschlagen (siehe Verlauf).</numerusform>
            <numerusform>%n fehlgeschlagen (siehe Verlauf).</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import changes from CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage the changes of a CSV file (columns %1) for review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import SMTP AUTH &amp;clients report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export readiness report as &amp;PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Why panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No browser could be opened. The documentation is at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About SMTP AUTH Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;SMTP AUTH Console %1&lt;/h3&gt;&lt;p&gt;Decide, mailbox by mailbox, who may still use SMTP AUTH in Exchange Online.&lt;/p&gt;&lt;p&gt;Licensed under the &lt;a href=&quot;https://www.apache.org/licenses/LICENSE-2.0&quot;&gt;Apache License, Version 2.0&lt;/a&gt; (SPDX: Apache-2.0).&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3; QtKeychain %4.&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;%5&quot;&gt;Documentation&lt;/a&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About SMTP AUTH Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import changes from CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has no changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Nothing was staged: %n problem(s) in %1. A file is staged whole or not at all.</source>
        <translation>
            <numerusform>Nichts vorgemerkt: %n Problem in %1. Eine Datei wird ganz oder gar nicht vorgemerkt.</numerusform>
            <numerusform>Nichts vorgemerkt: %n Probleme in %1. Eine Datei wird ganz oder gar nicht vorgemerkt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) read from %1; the review asks for the reason.</source>
        <translation>
            <numerusform>%n Änderung aus %1 gelesen; die Prüfung fragt nach dem Grund.</numerusform>
            <numerusform>%n Änderungen aus %1 gelesen; die Prüfung fragt nach dem Grund.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the mailbox list</source>
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
        <source>%n mailbox(es) exported to %1.</source>
        <translation>
            <numerusform>%n Postfach nach %1 exportiert.</numerusform>
            <numerusform>%n Postfächer nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These targets were changed elsewhere after %1, so the undo did not touch them:

%2

Overwrite them with the values from before %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo of %1 (overwriting changes made elsewhere)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln mailbox(es) loaded.</source>
        <translation>
            <numerusform>%Ln Postfach geladen.</numerusform>
            <numerusform>%Ln Postfächer geladen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing %1 of %Ln mailbox(es)</source>
        <translation>
            <numerusform>%1 von %Ln Postfach angezeigt</numerusform>
            <numerusform>%1 von %Ln Postfächern angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>SMTP AUTH Console — demo tenant</source>
        <translation>SMTP AUTH Console — Demo-Mandant</translation>
    </message>
    <message>
        <source>Starting the demo tenant…</source>
        <translation>Der Demo-Mandant wird gestartet…</translation>
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
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP AUTH is &lt;b&gt;%1&lt;/b&gt; for the whole organization. This changes it to &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n mailbox(es) will lose SMTP AUTH&lt;/b&gt;: they inherit the organization setting, so devices and applications that send through them with SMTP AUTH stop working. Mailboxes with their own override keep it.</source>
        <translation>
            <numerusform>&lt;b&gt;%n Postfach verliert SMTP AUTH&lt;/b&gt;: Es übernimmt die Einstellung der Organisation; Geräte und Anwendungen, die darüber mit SMTP AUTH senden, funktionieren dann nicht mehr. Postfächer mit eigener Einstellung behalten sie.</numerusform>
            <numerusform>&lt;b&gt;%n Postfächer verlieren SMTP AUTH&lt;/b&gt;: Sie übernehmen die Einstellung der Organisation; Geräte und Anwendungen, die darüber mit SMTP AUTH senden, funktionieren dann nicht mehr. Postfächer mit eigener Einstellung behalten sie.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n mailbox(es) will be allowed SMTP AUTH&lt;/b&gt;: they inherit the organization setting. Mailboxes with their own override keep it.</source>
        <translation>
            <numerusform>&lt;b&gt;%n Postfach darf SMTP AUTH verwenden&lt;/b&gt;: Es übernimmt die Einstellung der Organisation. Postfächer mit eigener Einstellung behalten sie.</numerusform>
            <numerusform>&lt;b&gt;%n Postfächer dürfen SMTP AUTH verwenden&lt;/b&gt;: Sie übernehmen die Einstellung der Organisation. Postfächer mit eigener Einstellung behalten sie.</numerusform>
        </translation>
    </message>
    <message>
        <source>The change is recorded in the journal with your reason and can be undone from the History tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&amp;Disable for %n mailbox(es)</source>
        <translation>
            <numerusform>Für %n Postfach &amp;deaktivieren</numerusform>
            <numerusform>Für %n Postfächer &amp;deaktivieren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Enable for %n mailbox(es)</source>
        <translation>
            <numerusform>Für %n Postfach &amp;aktivieren</numerusform>
            <numerusform>Für %n Postfächer &amp;aktivieren</numerusform>
        </translation>
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
        <translation>
            <numerusform>Der Seitenlink des Servers ist nach %n Seite abgelaufen; es wird ab der ersten Seite neu gelesen.</numerusform>
            <numerusform>Der Seitenlink des Servers ist nach %n Seiten abgelaufen; es wird ab der ersten Seite neu gelesen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer&apos;s &apos;@odata.nextLink&apos; could not be read unambiguously.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::ProfileRuntime</name>
    <message>
        <source>Cannot remove %1 to start the demo over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; is not the demo profile.</source>
        <translation type="unfinished"></translation>
    </message>
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
</context>
<context>
    <name>smtpauth::ReadinessEvaluator</name>
    <message>
        <source>Enabled by this mailbox&apos;s own override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled by this mailbox&apos;s own override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inherits Enabled from the organization setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inherits Disabled from the organization setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assigned to this user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the organization&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No user object (Get-User) was found for this mailbox, so its own policy is not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This user&apos;s own policy is not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This user&apos;s policy %1 matches none of the authentication policies read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organization&apos;s default policy %1 matches none of the authentication policies read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy %1 (%2) has AllowBasicAuthSmtp %3, neither on nor off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy %1 (%2) has AllowBasicAuthSmtp off; changed policies take up to 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy %1 (%2) has AllowBasicAuthSmtp on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tenant has no authentication policies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No authentication policy applies: the user has none of its own and the organization has no default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security defaults are on for the tenant: Basic authentication is blocked for every user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security defaults are off for the tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microsoft turns Basic authentication for SMTP AUTH off by default for existing tenants at the end of December 2026; it has said admins will be able to turn it back on but not yet how, so the console assumes off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 day left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic authentication for SMTP AUTH works until Microsoft turns it off by default for existing tenants at the end of December 2026 (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>includes All users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>includes this user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>includes group %1, of which this user is a member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>includes directory role %1, which this user holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>may include this user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>excludes All users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>excludes this user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>excludes group %1, of which this user is a member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>excludes directory role %1, which this user holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this user is not excluded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not understood: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the members of group %1 could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the members of group %1 were not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this user&apos;s directory roles were not read (the policy is scoped by role)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this mailbox has no directory object id to match the policy&apos;s users against</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its grant combines block with other controls (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA policy %1 %2; %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA policy %1 %2; %3; it blocks only where its conditions hold: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA policy %1 may block this user, but %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA policy %1 would block (report-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA policy %1 would block where its conditions hold: %2 (report-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA policy %1 might block (report-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA policy %1 is disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA policy %1 blocks legacy clients but %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not include this user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA policy %1 requires %2, which is not a block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Conditional Access policies in the tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No enabled Conditional Access policy blocks Basic (other) clients for this user</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::ReadinessReport</name>
    <message>
        <source>period D%1: %2 users, %3 used SMTP AUTH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows match no mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows have concealed names and cannot be joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last %1 days: %2 Basic sign-ins (%3 failed) by %4 users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incomplete: %1 of %2 days read, %3 Basic sign-ins (%4 failed) by %5 users so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 users match no mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 senders matched by another SMTP address of the mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 senders name an address held by more than one mailbox, so it joins none of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the mailboxes&apos; other addresses were not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>matched by primary address and UPN only (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 senders match no mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no authentication protocol column: Basic and OAuth cannot be told apart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usage evidence could be read: who still uses Basic is unknown. %1 days left to the cutoff on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 mailbox still signs in with Basic; Basic has been off since %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 mailboxes still sign in with Basic; Basic has been off since %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 mailbox still signs in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 mailboxes still sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 day left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 with Basic and will stop sending on %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::ReadinessTableModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Readiness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished">Anzeigename</translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effective (source)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic sign-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last Basic sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top client IPs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP AUTH used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report protocols</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::ReadinessView</name>
    <message>
        <source>read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP AUTH clients report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailboxes per readiness class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last %1 days (D%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in logs are kept 30 days (Entra ID P1 or P2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-ins of the last:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Read usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import SMTP AUTH report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSV exported from the Exchange admin center: Reports &gt; Mail flow &gt; SMTP AUTH clients. You can also drop the file here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unmatched…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users and senders the sources name that match no mailbox (users without a mailbox, senders with another address).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Readiness class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search name or address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage reset to &amp;inherit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For the selected stale exceptions: stage the override back to inherit, then review it with a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown rows as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown rows as JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-page report as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Readiness of every mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the usage evidence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matched no mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These entries of the sources match no mailbox. They are not counted in any class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Readiness appears once the mailboxes are loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading usage needs access to the readiness data: use &quot;Allow access to readiness data&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation type="unfinished">Postfächer</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unmatched (%1)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2):</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n stale exception(s) staged to inherit; review them with a reason.</source>
        <translation>
            <numerusform>%n veraltete Ausnahme zum Erben vorgemerkt; prüfen Sie sie mit einem Grund.</numerusform>
            <numerusform>%n veraltete Ausnahmen zum Erben vorgemerkt; prüfen Sie sie mit einem Grund.</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) in the file: %1</source>
        <translation>
            <numerusform>%n Problem in der Datei: %1</numerusform>
            <numerusform>%n Probleme in der Datei: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Import the SMTP AUTH clients report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no readiness list to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
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
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the readiness list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The readiness report was written to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n mailbox(es) exported to %1.</source>
        <translation>
            <numerusform>%n Postfach nach %1 exportiert.</numerusform>
            <numerusform>%n Postfächer nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Search the readiness list</source>
        <translation>Bereitschaftsliste durchsuchen</translation>
    </message>
</context>
<context>
    <name>smtpauth::ResourceTokenSource</name>
    <message>
        <source>Not signed in.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::RetryingRequest</name>
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
        <translation>
            <numerusform>%n Änderung vorgemerkt.</numerusform>
            <numerusform>%n Änderungen vorgemerkt.</numerusform>
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
        <source>The changes are already being written and can no longer be cancelled; their outcome follows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes that were not applied stay staged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every change has been sent: the apply can no longer be cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling: the changes not sent yet stay staged; the ones already sent are being finished and checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled, still staged</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Cancelled before anything was sent: nothing was changed; the %n change(s) stay staged.</source>
        <translation>
            <numerusform>Abgebrochen, bevor etwas gesendet wurde: Nichts wurde geändert; die Änderung bleibt vorgemerkt.</numerusform>
            <numerusform>Abgebrochen, bevor etwas gesendet wurde: Nichts wurde geändert; die %n Änderungen bleiben vorgemerkt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Batch %1: %2 applied, %3 already so, %4 in conflict, %5 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) cancelled before sending: not sent, nothing changed for them.</source>
        <translation>
            <numerusform>%n Änderung vor dem Senden abgebrochen: nicht gesendet, nichts geändert.</numerusform>
            <numerusform>%n Änderungen vor dem Senden abgebrochen: nicht gesendet, nichts geändert.</numerusform>
        </translation>
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
    <message>
        <source>No tenant at hand? The demo tenant runs on this computer with 5,000 made-up mailboxes; nothing is sent to Microsoft.</source>
        <translation>Kein Mandant zur Hand? Der Demo-Mandant läuft auf diesem Computer mit 5.000 erfundenen Postfächern; nichts wird an Microsoft gesendet.</translation>
    </message>
    <message>
        <source>Try the &amp;demo tenant</source>
        <translation>&amp;Demo-Mandant ausprobieren</translation>
    </message>
    <message>
        <source>Opens the embedded demo tenant, signed in as its administrator</source>
        <translation>Öffnet den eingebauten Demo-Mandanten, angemeldet als dessen Administrator</translation>
    </message>
</context>
<context>
    <name>smtpauth::SmtpAuthClientsReport</name>
    <message>
        <source>The SMTP AUTH clients report is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file has no sender column, so it is not an SMTP AUTH clients report. The columns found are: %1. Export the report from the Exchange admin center (Reports &gt; Mail flow &gt; SMTP AUTH clients).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file has no authentication protocol column: Basic and OAuth senders cannot be told apart (reports exported before October 2024 lack it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: the quoting is broken; the row was read as far as it goes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: no sender address; the row is skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: messages sent %2 is not a number; counted as 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 more problems are not listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 senders from %2 rows (%3, &apos;%4&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 duplicate rows joined</source>
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
    <message>
        <source>%1 (%2%)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>Shows only these mailboxes in the table</source>
        <translation>Zeigt nur diese Postfächer in der Tabelle</translation>
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
    <message>
        <source>Signed out.</source>
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
<context>
    <name>smtpauth::UsageEvidenceLoader</name>
    <message>
        <source>Reading the usage report needs the Reports.Read.All permission and a role such as Global Reader, Reports Reader or Exchange Administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading sign-in logs needs the AuditLog.Read.All permission and a role such as Global Reader, Reports Reader or Security Reader.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The usage report shows concealed user names, which cannot be joined to mailboxes. Turn concealment off in the Microsoft 365 admin center &gt; Settings &gt; Org settings &gt; Reports, then read again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microsoft Graph is not available in this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the email app usage report (D%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 rows have concealed names. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--sign-in-days %1 capped at the %2 days sign-in logs are kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading Basic SMTP AUTH sign-ins of the last %1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read %1 sign-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in logs need Microsoft Entra ID P1 (the tenant answered %1 %2: %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the read stopped after %1 pages (%2 sign-ins): %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>smtpauth::WhyPanel</name>
    <message>
        <source>decided by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this mailbox can or cannot send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a mailbox to see every gate that decides whether it can send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow access to readiness data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security defaults and Conditional Access are read from Microsoft Graph, which needs your consent once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(last changed %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth clients:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic clients now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic clients after the cutoff:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
