#include "Command.h"

#include "Console.h"

#include <QCommandLineParser>

void Command::succeed() {
    finish(ExitCode::Ok);
}

void Command::fail(const ApiError &error) {
    fail(exitCodeFor(error), error.toString());
}

void Command::fail(ExitCode code, const QString &message) {
    if (m_finished)
        return;
    console::error(message);
    finish(code);
}

void Command::finish(ExitCode code) {
    if (m_finished)
        return;
    m_finished = true;
    emit finished(static_cast<int>(code));
}

QList<QCommandLineOption> ShowCommand::options() const {
    return {QCommandLineOption(QStringLiteral("format"),
                               QStringLiteral("Output format: table (default) or json."),
                               QStringLiteral("FORMAT"), QStringLiteral("table"))};
}

std::optional<QString> ShowCommand::configure(const QCommandLineParser &parser) {
    m_json = parser.value(QStringLiteral("format")) == u"json";
    return checkChoice(parser, QStringLiteral("format"), {QStringLiteral("table"), QStringLiteral("json")});
}

std::optional<QString> Command::readSort(const QCommandLineParser &parser, const QStringList &fields,
                                         QString *field, Qt::SortOrder *order, Qt::SortOrder unsaid) {
    if (!parser.isSet(QStringLiteral("sort")))
        return std::nullopt;
    const QStringList parts = parser.value(QStringLiteral("sort")).split(u':');
    if (parts.size() > 2 || !fields.contains(parts.first()))
        return QStringLiteral("--sort must be FIELD[:asc|desc] with FIELD one of %1")
            .arg(fields.join(QStringLiteral(", ")));
    if (parts.size() == 2 && parts.at(1) != u"asc" && parts.at(1) != u"desc")
        return QStringLiteral("--sort order must be asc or desc, not \"%1\"").arg(parts.at(1));
    *field = parts.first();
    *order = parts.size() < 2 ? unsaid : parts.at(1) == u"asc" ? Qt::AscendingOrder : Qt::DescendingOrder;
    return std::nullopt;
}

std::optional<QString> Command::readLimit(const QCommandLineParser &parser, const QString &noun, int *limit,
                                          bool *all) {
    *all = parser.isSet(QStringLiteral("all"));
    if (!parser.isSet(QStringLiteral("limit")))
        return std::nullopt;
    if (*all)
        return QStringLiteral("--limit and --all cannot be used together");
    bool ok = false;
    *limit = parser.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || *limit < 1)
        return QStringLiteral("--limit must be a whole number of %1, 1 or more").arg(noun);
    return std::nullopt;
}

std::optional<QString> Command::checkChoice(const QCommandLineParser &parser, const QString &name,
                                            const QStringList &allowed) {
    const QString value = parser.value(name);
    if (allowed.contains(value))
        return std::nullopt;
    return QStringLiteral("--%1 must be one of %2, not \"%3\"")
        .arg(name, allowed.join(QStringLiteral(", ")), value);
}
