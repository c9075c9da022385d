#pragma once

#include <QList>
#include <QObject>

class QTableView;

// Starts a table's columns at widths that fit their header and their content, so no header is clipped:
// each column gets the larger of its header's size hint (text, padding, sort indicator) and the widest
// of a sample of rows (those on screen, or the first ones), the content part capped at a maximum, and
// never less than a width the page set before (a bar or chips drawn by a delegate). It sizes again whenever
// the model is reset or its first rows arrive, leaving alone a column sized by hand (by the user, or from the
// layout remembered for the profile). A stretching column takes the room left, but never less than its
// header: the header's minimum section size is raised to that.
class TableWidths : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxContentChars = 40; // the default cap, in average characters of the view's font
    static constexpr int kSampleRows = 60;

    // Fits `view`'s columns now and on every new set of rows; the helper is a child of the view.
    // `maxContentWidth` in pixels; 0: kMaxContentChars.
    static TableWidths *fit(QTableView *view, int maxContentWidth = 0);

    // The width the column needs: its header whole, and its sampled content up to the maximum.
    int neededWidth(int column) const;
    void refit();

protected:
    // Sizes again when the view is first shown: only then does it have its style sheet's padding.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    TableWidths(QTableView *view, int maxContentWidth);
    void refitLater();
    bool stretches(int column) const;

    QTableView *m_view;
    int m_maxContentWidth;
    QList<int> m_floor;  // the width the page set before, or 0
    QList<int> m_fitted; // each column's width as this helper last set it (-1: never)
    bool m_pending = false;
};
