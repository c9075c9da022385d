#pragma once

#include "core/keys/KeyRisk.h"
#include "core/keys/KeySample.h"
#include "core/usage/UsageReport.h"
#include "ui/Page.h"

#include <QDateTime>
#include <QPointer>

class ActivityFetcher;
class ErrorBanner;
class KeySample;
class QChartView;
class QLabel;
class StatTile;

// The first page: the last 30 UTC days at a glance. Tiles for spend, requests, success rate, tokens and
// active keys (from daily activity), keys over or near their budget, keys expiring within 7 days and
// unrestricted keys (exactly, from the local key index when the connection has one, each opening the
// Keys page filtered to those keys; else from the first pages of the key list by spend: the tiles say
// how many keys were checked), each with a sparkline; spend by model and the top keys by spend. Clicking a
// model or key opens its usage.
class OverviewPage : public Page {
    Q_OBJECT
public:
    static constexpr int kDays = 30;

    explicit OverviewPage(QWidget *parent = nullptr);
    ~OverviewPage() override;

    void setContext(const PageContext &context) override;
    void reload() override;
    // Stops loading; the tiles not loaded yet say so.
    void cancel() override;
    bool isLoading() const;
    bool hasLoaded() const { return m_usageDone && m_keysDone; }
    const UsageReport &report() const { return m_report; }
    StatTile *tile(const QString &name) const; // "spend", "requests", ... ("tile_" + name)

signals:
    // A model or key was clicked on a chart: show its usage over the page's range on the Usage page.
    void usageRequested(UsageReport::Dimension dimension, const QString &id, const QString &label);
    // A key tile counted from the local key index was clicked: show the keys with any of `risks`, or
    // (the active keys tile) the keys used in the last 30 days.
    void keysRequested(const QList<KeyRisk> &risks, bool recentlyUsed = false);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showUsage();
    void showKeys(const KeySampleSummary &summary);
    void settle();
    // Counts the key tiles exactly from the connection's local key index when it has one; false when not.
    bool showIndexCounts();

    PageContext m_context;
    QPointer<ActivityFetcher> m_fetcher;
    bool m_activeFromIndex = false; // the active keys tile counts last use from the index
    QPointer<KeySample> m_keys;
    UsageReport m_report;
    bool m_wantLoad = false;
    bool m_usageDone = false;
    bool m_keysDone = false;
    bool m_canceled = false;
    bool m_fromIndex = false; // the key tiles' figures came from the index

    QLabel *m_subtitle = nullptr;
    ErrorBanner *m_banner = nullptr;
    QList<StatTile *> m_tiles;
    QChartView *m_models = nullptr;
    QChartView *m_topKeys = nullptr;
};
