#include "Command.h"
#include "CommandRegistry.h"
#include "Console.h"
#include "KeysCommandSupport.h"

#include "core/format/CommaList.h"
#include "core/keys/KeyDirectory.h"

#include <QCommandLineParser>
#include <QPointer>

namespace {

using Action = KeyActionResult::Action;
using Outcome = KeyActionResult::Outcome;

QString pastTense(Action action) {
    switch (action) {
    case Action::Block:
        return QStringLiteral("blocked");
    case Action::Unblock:
        return QStringLiteral("unblocked");
    case Action::Delete:
        return QStringLiteral("deleted");
    case Action::Update:
        return QStringLiteral("updated");
    }
    return {};
}

// Runs one action on every KEY given, prints one line per key as each ends, and exits with the worst
// failure's code (0 when every key succeeded or was already gone).
class KeysActionCommand : public Command {
public:
    KeysActionCommand(Action action, QObject *parent)
        : Command(parent)
        , m_action(action) {}

    QString argumentsSyntax() const override { return QStringLiteral("KEY..."); }
    int minArguments() const override { return 1; }
    int maxArguments() const override { return -1; }

    std::optional<QString> configure(const QCommandLineParser &) override { return std::nullopt; }

    void start() override {
        for (const QString &key : arguments())
            if (key.startsWith(u"sk-"))
                console::addSecret(key);
        m_directory = new KeyDirectory(proxy().makeClient(this), this);
        run(*m_directory);
    }

protected:
    virtual void run(KeyDirectory &directory) = 0;
    // Where run() sends the results of its requests.
    KeyDirectory::ActionDone reporter() {
        return [this](const KeyActionResult &r) { report(r); };
    }
    virtual int expectedResults() const { return static_cast<int>(arguments().size()); }

    void report(const KeyActionResult &r) {
        m_results << r;
        const QString shown = keyscli::shownKey(r.key);
        if (r.outcome == Outcome::Done) {
            const QString alias =
                r.record.keyAlias.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(r.record.keyAlias);
            console::out(QStringLiteral("%1 %2%3\n").arg(pastTense(r.action), shown, alias));
            for (const QString &field : r.droppedFields)
                keyscli::warn(QStringLiteral("%1: the proxy did not apply %2").arg(shown, field));
        } else if (r.outcome == Outcome::AlreadyGone) {
            console::out(QStringLiteral("already gone %1\n").arg(shown));
        } else {
            console::error(QStringLiteral("%1: %2").arg(shown, r.error.toString()));
        }
        if (m_results.size() < expectedResults())
            return;
        const ExitCode code = keyscli::exitCodeFor(m_results);
        if (code == ExitCode::Ok)
            return succeed();
        qsizetype failed = 0;
        for (const auto &x : m_results)
            failed += x.ok() ? 0 : 1;
        fail(code, QStringLiteral("%1 of %2 keys failed").arg(failed).arg(m_results.size()));
    }

    Action m_action;
    QPointer<KeyDirectory> m_directory;
    QList<KeyActionResult> m_results;
};

class KeysBlockCommand final : public KeysActionCommand {
public:
    KeysBlockCommand(bool block, QObject *parent)
        : KeysActionCommand(block ? Action::Block : Action::Unblock, parent) {}

    QStringList words() const override {
        return {QStringLiteral("keys"),
                m_action == Action::Block ? QStringLiteral("block") : QStringLiteral("unblock")};
    }
    QString summary() const override {
        return m_action == Action::Block ? QStringLiteral("Block keys: requests with them get 401")
                                         : QStringLiteral("Unblock keys");
    }

protected:
    void run(KeyDirectory &directory) override {
        if (m_action == Action::Block)
            directory.block(arguments(), this, reporter());
        else
            directory.unblock(arguments(), this, reporter());
    }
};

class KeysDeleteCommand final : public KeysActionCommand {
public:
    explicit KeysDeleteCommand(QObject *parent)
        : KeysActionCommand(Action::Delete, parent) {}

    QStringList words() const override { return {QStringLiteral("keys"), QStringLiteral("delete")}; }
    QString summary() const override {
        return QStringLiteral("Delete keys (a key already gone is not an error)");
    }
    QList<QCommandLineOption> options() const override {
        return {
            QCommandLineOption(QStringLiteral("yes"), QStringLiteral("Confirm: deleting cannot be undone."))};
    }
    std::optional<QString> configure(const QCommandLineParser &parser) override {
        if (!parser.isSet(QStringLiteral("yes")))
            return QStringLiteral("deleting keys cannot be undone: add --yes to confirm");
        return std::nullopt;
    }

protected:
    void run(KeyDirectory &directory) override { directory.remove(arguments(), this, reporter()); }
};

class KeysUpdateCommand final : public KeysActionCommand {
public:
    explicit KeysUpdateCommand(QObject *parent)
        : KeysActionCommand(Action::Update, parent) {}

    QStringList words() const override { return {QStringLiteral("keys"), QStringLiteral("update")}; }
    QString summary() const override {
        return QStringLiteral("Change a key's alias, models, budget, limits or expiry");
    }
    QString description() const override {
        return summary() + QStringLiteral(".\nOnly the fields given are sent. The answer is compared with "
                                          "what was asked; a field the proxy did not apply is a warning.");
    }
    QString argumentsSyntax() const override { return QStringLiteral("KEY"); }
    int maxArguments() const override { return 1; }
    QList<QCommandLineOption> options() const override {
        return {
            {QStringLiteral("alias"), QStringLiteral("New alias."), QStringLiteral("A")},
            {QStringLiteral("no-alias"), QStringLiteral("Remove the alias.")},
            {QStringLiteral("models"),
             QStringLiteral("Allowed models, comma separated (\"\" = every model)."), QStringLiteral("LIST")},
            {QStringLiteral("max-budget"), QStringLiteral("Budget in dollars; none removes it."),
             QStringLiteral("X")},
            {QStringLiteral("budget-duration"), QStringLiteral("Budget period: 1h, 24h, 7d, 30d, 1mo."),
             QStringLiteral("D")},
            {QStringLiteral("tpm"), QStringLiteral("Tokens per minute limit; none removes it."),
             QStringLiteral("N")},
            {QStringLiteral("rpm"), QStringLiteral("Requests per minute limit; none removes it."),
             QStringLiteral("N")},
            {QStringLiteral("metadata"), QStringLiteral("Set metadata entry k to v (repeatable)."),
             QStringLiteral("k=v")},
            {QStringLiteral("expires-in"), QStringLiteral("Expire D from now (30m, 12h, 30d, 2w, 1mo)."),
             QStringLiteral("D")},
            {QStringLiteral("never-expires"), QStringLiteral("Remove the expiry.")},
        };
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        const auto isSet = [&parser](const char *name) { return parser.isSet(QLatin1StringView(name)); };
        const auto value = [&parser](const char *name) { return parser.value(QLatin1StringView(name)); };
        if (isSet("alias") && isSet("no-alias"))
            return QStringLiteral("--alias and --no-alias cannot be used together");
        if (isSet("alias")) {
            if (value("alias").trimmed().isEmpty())
                return QStringLiteral("--alias is empty: use --no-alias to remove the alias");
            m_update.alias = value("alias").trimmed();
        }
        if (isSet("no-alias"))
            m_update.alias = QString();
        if (isSet("models"))
            m_update.models = splitList(value("models"));
        const auto none = [&](const char *name) { return value(name).trimmed() == u"none"; };
        const auto wholeNumber = [&](const char *name,
                                     std::optional<qint64> &target) -> std::optional<QString> {
            bool ok = false;
            const qint64 n = value(name).toLongLong(&ok);
            if (!ok)
                return QStringLiteral("--%1 must be a whole number, or none").arg(QLatin1StringView(name));
            target = n;
            return std::nullopt;
        };
        m_update.clearMaxBudget = isSet("max-budget") && none("max-budget");
        m_update.clearTpmLimit = isSet("tpm") && none("tpm");
        m_update.clearRpmLimit = isSet("rpm") && none("rpm");
        if (isSet("max-budget") && !m_update.clearMaxBudget) {
            bool ok = false;
            const double x = value("max-budget").toDouble(&ok);
            if (!ok)
                return QStringLiteral("--max-budget must be a number of dollars, or none");
            m_update.maxBudget = x;
        }
        if (isSet("tpm") && !m_update.clearTpmLimit)
            if (auto p = wholeNumber("tpm", m_update.tpmLimit))
                return p;
        if (isSet("rpm") && !m_update.clearRpmLimit)
            if (auto p = wholeNumber("rpm", m_update.rpmLimit))
                return p;
        if (isSet("budget-duration"))
            m_update.budgetDuration = value("budget-duration");
        for (const QString &entry : parser.values(QStringLiteral("metadata"))) {
            const qsizetype eq = entry.indexOf(u'=');
            if (eq <= 0)
                return QStringLiteral("--metadata must be name=value, not \"%1\"").arg(entry);
            m_update.metadata.insert(entry.left(eq).trimmed(), entry.mid(eq + 1));
        }
        if (isSet("expires-in") && isSet("never-expires"))
            return QStringLiteral("--expires-in and --never-expires cannot be used together");
        if (isSet("expires-in"))
            m_update.expiresIn = value("expires-in");
        if (isSet("never-expires"))
            m_update.expiresIn = QString();
        return m_update.validate();
    }

protected:
    void run(KeyDirectory &directory) override {
        directory.update(arguments().first(), m_update, this, reporter());
    }

private:
    KeyUpdate m_update;
};

} // namespace

void registerKeysActionCommands(CommandRegistry &registry, QObject *owner) {
    registry.add(new KeysUpdateCommand(owner));
    registry.add(new KeysBlockCommand(true, owner));
    registry.add(new KeysBlockCommand(false, owner));
    registry.add(new KeysDeleteCommand(owner));
}
