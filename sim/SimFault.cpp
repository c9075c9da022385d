#include "SimFault.h"

#include <QHash>

namespace {

const QHash<QString, SimFault::Kind> &kinds() {
    static const QHash<QString, SimFault::Kind> k{
        {QStringLiteral("delay"), SimFault::Kind::Delay},
        {QStringLiteral("hang"), SimFault::Kind::Hang},
        {QStringLiteral("drop"), SimFault::Kind::Drop},
        {QStringLiteral("truncate"), SimFault::Kind::Truncate},
        {QStringLiteral("bad-json"), SimFault::Kind::BadJson},
        {QStringLiteral("wrong-types"), SimFault::Kind::WrongTypes},
        {QStringLiteral("wrong-shape"), SimFault::Kind::WrongShape},
        {QStringLiteral("status"), SimFault::Kind::Status},
        {QStringLiteral("endless-paging"), SimFault::Kind::EndlessPaging},
        {QStringLiteral("huge"), SimFault::Kind::Huge},
    };
    return k;
}

} // namespace

bool SimFault::matches(const QString &requestPath) const {
    if (times == 0)
        return false;
    if (path == u"*")
        return true;
    if (path.endsWith(u'*'))
        return requestPath.startsWith(QStringView(path).chopped(1));
    return requestPath == path;
}

QString SimFault::kindNames() {
    QStringList names = kinds().keys();
    names.sort();
    return names.join(QStringLiteral(", "));
}

std::optional<SimFault> SimFault::parse(const QString &spec, QString *why) {
    auto fail = [&](const QString &msg) -> std::optional<SimFault> {
        if (why)
            *why = msg;
        return std::nullopt;
    };
    const qsizetype eq = spec.indexOf(u'=');
    if (eq <= 0)
        return fail(QStringLiteral("a fault is PATH=KIND[:ARG][xTIMES], got \"%1\"").arg(spec));
    SimFault f;
    f.path = spec.left(eq).trimmed();
    QString rest = spec.mid(eq + 1).trimmed();
    const qsizetype x = rest.lastIndexOf(u'x');
    if (x > 0 && x < rest.size() - 1) {
        bool ok = false;
        const int times = rest.mid(x + 1).toInt(&ok);
        if (ok) {
            f.times = times;
            rest = rest.left(x);
        }
    }
    const QString name = rest.section(u':', 0, 0).toLower();
    const QString arg = rest.section(u':', 1);
    if (!kinds().contains(name))
        return fail(QStringLiteral("unknown fault \"%1\"; one of: %2").arg(name, kindNames()));
    f.kind = kinds().value(name);
    if (!arg.isEmpty()) {
        bool ok = false;
        f.arg = arg.toInt(&ok);
        if (!ok)
            return fail(QStringLiteral("the fault argument \"%1\" is not a number").arg(arg));
    }
    if (f.kind == Kind::Huge && (f.arg < 0 || f.arg > 4096))
        return fail(QStringLiteral("huge faults take a size in MiB from 1 to 4096, e.g. huge:80"));
    if (f.kind == Kind::Status && (f.arg < 100 || f.arg > 599))
        return fail(QStringLiteral("status faults need a status, e.g. status:500"));
    return f;
}
