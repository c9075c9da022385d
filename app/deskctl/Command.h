#pragma once

#include "ExitCode.h"
#include "ProxyOptions.h"

#include <QCommandLineOption>
#include <QList>
#include <QObject>
#include <QStringList>

#include <optional>

class QCommandLineParser;

// One litellm-deskctl command ("status", "models list", ...). The runner parses the command line with
// the command's options(), hands it to configure(), then calls start() on the event loop. The command
// works asynchronously and ends by emitting finished() exactly once (succeed() or fail()).
class Command : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual QStringList words() const = 0; // {"models", "list"}
    virtual QString summary() const = 0;   // one line for the command list
    virtual QString description() const { return summary(); }
    virtual QList<QCommandLineOption> options() const { return {}; }
    virtual bool usesProxy() const { return true; } // takes --url, --auth-header, --timeout and the key
    virtual bool needsKey() const { return true; }  // refuses to run without LITELLM_PROXY_API_KEY
    // False for commands that only need to know which proxy (roles): a --profile's key is not read.
    virtual bool usesKey() const { return true; }
    // Words after the command's own ("profiles add NAME"): shown in the usage line, and how many it takes
    // (maxArguments -1: any number). The runner checks the count and hands them over before configure().
    virtual QString argumentsSyntax() const { return {}; }
    virtual int minArguments() const { return 0; }
    virtual int maxArguments() const { return 0; }

    // Reads this command's options. Returns a usage message (what is wrong and what to do) or nothing.
    virtual std::optional<QString> configure(const QCommandLineParser &parser) = 0;
    virtual void start() = 0;

    void setProxy(ProxyOptions proxy) { m_proxy = std::move(proxy); }
    const ProxyOptions &proxy() const { return m_proxy; }
    void setArguments(QStringList arguments) { m_arguments = std::move(arguments); }
    const QStringList &arguments() const { return m_arguments; }
    // Ends the command before start() (the runner could not prepare it, e.g. the keychain failed).
    void abort(ExitCode code, const QString &message) { fail(code, message); }
    bool isFinished() const { return m_finished; }

signals:
    void finished(int exitCode);

protected:
    void succeed();
    void fail(const ApiError &error);
    void fail(ExitCode code, const QString &message);

    // An option that takes a value: `--name VALUE` with its help line.
    static QCommandLineOption valueOption(const char *name, const char *help, const char *value) {
        return QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(help),
                                  QString::fromLatin1(value));
    }
    // A value of `--name` that must be one of `allowed`; the message says which ones are.
    static std::optional<QString> checkChoice(const QCommandLineParser &parser, const QString &name,
                                              const QStringList &allowed);
    // --sort FIELD[:asc|desc] with FIELD one of `fields`. Sets `field` and `order` only when --sort is
    // given, `order` to `unsaid` when it names no order.
    static std::optional<QString> readSort(const QCommandLineParser &parser, const QStringList &fields,
                                           QString *field, Qt::SortOrder *order, Qt::SortOrder unsaid);
    // --limit N (1 or more) and --all, which exclude each other; `noun` is what is counted ("keys").
    static std::optional<QString> readLimit(const QCommandLineParser &parser, const QString &noun, int *limit,
                                            bool *all);

    // Ends with `code` and nothing said (the output already tells).
    void finish(ExitCode code);

private:
    ProxyOptions m_proxy;
    QStringList m_arguments;
    bool m_finished = false;
};

// A command that shows the one thing its argument names (keys show KEY, teams show TEAM, users show USER),
// as a table or, with --format json, as JSON.
class ShowCommand : public Command {
public:
    using Command::Command;

    int minArguments() const override { return 1; }
    int maxArguments() const override { return 1; }
    QList<QCommandLineOption> options() const override;
    std::optional<QString> configure(const QCommandLineParser &parser) override;

protected:
    bool json() const { return m_json; }

private:
    bool m_json = false;
};
