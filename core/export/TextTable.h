#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// A plain-text table for terminals: each column as wide as its widest cell, columns separated by two
// spaces, numeric columns right-aligned, no trailing spaces. Widths count characters (code points).
class TextTable {
public:
    enum class Align { Left, Right };

    // An empty header (no columns added with a title) prints no header line.
    void addColumn(const QString &title, Align align = Align::Left);
    void addRow(const QStringList &cells); // missing cells are blank, extra ones are ignored
    qsizetype rowCount() const { return m_rows.size(); }
    qsizetype columnCount() const { return m_columns.size(); }

    QString toString() const;

private:
    struct Column {
        QString title;
        Align align = Align::Left;
    };
    QList<Column> m_columns;
    QList<QStringList> m_rows;
};
