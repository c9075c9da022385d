#include "TextTable.h"

#include <algorithm>

namespace {

qsizetype displayWidth(const QString &text) {
    return static_cast<qsizetype>(text.toUcs4().size());
}

} // namespace

void TextTable::addColumn(const QString &title, Align align) {
    m_columns.append({title, align});
}

void TextTable::addRow(const QStringList &cells) {
    QStringList row = cells.mid(0, m_columns.size());
    while (row.size() < m_columns.size())
        row << QString();
    for (auto &cell : row) { // a cell is one line
        cell.replace(QStringLiteral("\r\n"), QStringLiteral(" "));
        cell.replace(u'\n', u' ');
        cell.replace(u'\r', u' ');
    }
    m_rows.append(row);
}

QString TextTable::toString() const {
    const bool hasHeader =
        std::any_of(m_columns.begin(), m_columns.end(), [](const Column &c) { return !c.title.isEmpty(); });
    QList<QStringList> lines;
    if (hasHeader) {
        QStringList header;
        for (const auto &c : m_columns)
            header << c.title;
        lines << header;
    }
    lines += m_rows;

    QList<qsizetype> widths(m_columns.size(), 0);
    for (const auto &line : lines)
        for (qsizetype i = 0; i < line.size(); ++i)
            widths[i] = std::max(widths[i], displayWidth(line.at(i)));

    QString out;
    for (const auto &line : lines) {
        QString text;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const QString &cell = line.at(i);
            const qsizetype pad = widths[i] - displayWidth(cell);
            if (i > 0)
                text += QStringLiteral("  ");
            if (m_columns.at(i).align == Align::Right)
                text += QString(pad, u' ') + cell;
            else
                text += cell + QString(pad, u' ');
        }
        while (text.endsWith(u' '))
            text.chop(1);
        out += text + u'\n';
    }
    return out;
}
