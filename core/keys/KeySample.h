#pragma once

#include "core/api/ApiError.h"
#include "core/api/KeyRecord.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

#include <optional>

class KeyDirectory;
class ProxyClient;

// What the overview says about keys without reading every one of them: the first pages of the key list
// sorted by spend (most first), at most maxKeys keys, counted for budget and expiry risks. The result
// says how many keys were checked and how many the proxy claims, so the overview can say "of the N keys
// checked" honestly.
struct KeySampleSummary {
    qsizetype checked = 0;
    std::optional<qint64> total; // as the proxy claims it
    bool complete = false;       // every key was read
    bool hashOnly = false;       // the proxy sent hashes only: no risks can be known
    int overBudget = 0;
    int nearBudget = 0;
    int expiringSoon = 0; // within keyrisk::kExpiresSoonDays
    // Keys expiring on each of the next kHorizonDays UTC days (index 0 = today), for a sparkline.
    QList<int> expiriesByDay;

    static constexpr int kHorizonDays = 30;

    static KeySampleSummary of(const QList<KeyRecord> &keys, const QDateTime &now);
};

class KeySample : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultMaxKeys = 500;

    explicit KeySample(ProxyClient *client, QObject *parent = nullptr);
    ~KeySample() override;

    void setMaxKeys(int keys) { m_maxKeys = std::max(1, keys); }
    void setClock(std::function<QDateTime()> clock);
    void start();
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void finished(const KeySampleSummary &summary);
    void failed(const ApiError &error);

private:
    void onLoadingChanged(bool loading);

    KeyDirectory *m_directory = nullptr;
    int m_maxKeys = kDefaultMaxKeys;
    bool m_running = false;
};
