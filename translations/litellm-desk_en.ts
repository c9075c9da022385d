<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ClipboardGuard</name>
    <message numerus="yes">
        <source>Copied. The clipboard will be cleared in %n s if it still holds the key.</source>
        <translation>
            <numerusform>Copied. The clipboard will be cleared in %n s if it still holds the key.</numerusform>
            <numerusform>Copied. The clipboard will be cleared in %n s if it still holds the key.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeyIndexSync</name>
    <message numerus="yes">
        <source>Index up to date: %Ln key(s).</source>
        <translation>
            <numerusform>Index up to date: %Ln key.</numerusform>
            <numerusform>Index up to date: %Ln keys.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message numerus="yes">
        <source>Budgets read in %n request(s): </source>
        <translation>
            <numerusform>Budgets read in %n request: </numerusform>
            <numerusform>Budgets read in %n requests: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n team(s), </source>
        <translation>
            <numerusform>%n team, </numerusform>
            <numerusform>%n teams, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member budget(s), </source>
        <translation>
            <numerusform>%n member budget, </numerusform>
            <numerusform>%n member budgets, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n user budget(s)</source>
        <translation>
            <numerusform>%n user budget</numerusform>
            <numerusform>%n user budgets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every %n minute(s)</source>
        <translation>
            <numerusform>Every %n minute</numerusform>
            <numerusform>Every %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n year</numerusform>
            <numerusform>%n years</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The changes journal keeps %n day(s); older entries go at the next sync.</source>
        <translation>
            <numerusform>The changes journal keeps %n day; older entries go at the next sync.</numerusform>
            <numerusform>The changes journal keeps %n days; older entries go at the next sync.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LeasesView</name>
    <message numerus="yes">
        <source>Revoked %1 of %n key(s)</source>
        <translation>
            <numerusform>Revoked %1 of %n key</numerusform>
            <numerusform>Revoked %1 of %n keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lease(s)</source>
        <translation>
            <numerusform>%n lease</numerusform>
            <numerusform>%n leases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke %n key(s)? They stop working immediately.</source>
        <translation>
            <numerusform>Revoke %n key? They stop working immediately.</numerusform>
            <numerusform>Revoke %n keys? They stop working immediately.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke %n key(s)</source>
        <translation>
            <numerusform>Revoke %n key</numerusform>
            <numerusform>Revoke %n keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke the %n expired lease(s) of role “%1”?</source>
        <translation>
            <numerusform>Revoke the %n expired lease of role “%1”?</numerusform>
            <numerusform>Revoke the %n expired leases of role “%1”?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke %n expired</source>
        <translation>
            <numerusform>Revoke %n expired</numerusform>
            <numerusform>Revoke %n expired</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message numerus="yes">
        <source>Loaded %n model(s)</source>
        <translation>
            <numerusform>Loaded %n model</numerusform>
            <numerusform>Loaded %n models</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProxyClient</name>
    <message numerus="yes">
        <source>The proxy asks to wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>The proxy asks to wait %n second before trying again.</numerusform>
            <numerusform>The proxy asks to wait %n seconds before trying again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>It was asked %n more time(s) before giving up.</source>
        <translation>
            <numerusform>It was asked %n more time before giving up.</numerusform>
            <numerusform>It was asked %n more times before giving up.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The proxy is busy (HTTP %1): asking for %2 again in %n second(s), try %3 of %4.</source>
        <translation>
            <numerusform>The proxy is busy (HTTP %1): asking for %2 again in %n second, try %3 of %4.</numerusform>
            <numerusform>The proxy is busy (HTTP %1): asking for %2 again in %n seconds, try %3 of %4.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RolesPage</name>
    <message numerus="yes">
        <source>Imported %n role(s): %1</source>
        <translation>
            <numerusform>Imported %n role: %1</numerusform>
            <numerusform>Imported %n roles: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamDetails</name>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n key</numerusform>
            <numerusform>%n keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Members (%n)</source>
        <translation>
            <numerusform>Members (%n)</numerusform>
            <numerusform>Members (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamLookup</name>
    <message numerus="yes">
        <source>%n teams are called &quot;%1&quot;: %2</source>
        <translation>
            <numerusform>%n team is called &quot;%1&quot;: %2</numerusform>
            <numerusform>%n teams are called &quot;%1&quot;: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamsPage</name>
    <message numerus="yes">
        <source>LiteLLM deletes its %n key(s) with it: anything using them stops working at once.</source>
        <translation>
            <numerusform>LiteLLM deletes its %n key with it: anything using them stops working at once.</numerusform>
            <numerusform>LiteLLM deletes its %n keys with it: anything using them stops working at once.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loaded %1 of %n team(s)</source>
        <translation>
            <numerusform>Loaded %1 of %n team</numerusform>
            <numerusform>Loaded %1 of %n teams</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n team(s)</source>
        <translation>
            <numerusform>%n team</numerusform>
            <numerusform>%n teams</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsageSummary</name>
    <message numerus="yes">
        <source>%1 spend · %2 requests · %3 tokens</source>
        <translation>
            <numerusform>%1 spend · %2 request · %3 tokens</numerusform>
            <numerusform>%1 spend · %2 requests · %3 tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sum over tags: %1 · %2 requests · %3 tokens (not spend)</source>
        <translation>
            <numerusform>Sum over tags: %1 · %2 request · %3 tokens (not spend)</numerusform>
            <numerusform>Sum over tags: %1 · %2 requests · %3 tokens (not spend)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Proxy total for the range: %1, %2 requests</source>
        <translation>
            <numerusform>Proxy total for the range: %1, %2 request</numerusform>
            <numerusform>Proxy total for the range: %1, %2 requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserDetails</name>
    <message numerus="yes">
        <source>Keys (%n)</source>
        <translation>
            <numerusform>Keys (%n)</numerusform>
            <numerusform>Keys (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WatchPage</name>
    <message numerus="yes">
        <source>%n request(s), %1 s</source>
        <translation>
            <numerusform>%n request, %1 s</numerusform>
            <numerusform>%n requests, %1 s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open alert(s) on %1</source>
        <translation>
            <numerusform>%n open alert on %1</numerusform>
            <numerusform>%n open alerts on %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last pass %1 (%2) · %n alert(s) need attention · every %3 min</source>
        <translation>
            <numerusform>Last pass %1 (%2) · %n alert needs attention · every %3 min</numerusform>
            <numerusform>Last pass %1 (%2) · %n alerts need attention · every %3 min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WatchTray</name>
    <message numerus="yes">
        <source>%n alert(s) on %1</source>
        <translation>
            <numerusform>%n alert on %1</numerusform>
            <numerusform>%n alerts on %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new alert(s) on %1</source>
        <translation>
            <numerusform>%n new alert on %1</numerusform>
            <numerusform>%n new alerts on %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
</TS>
