// Writes the reference daily activity payload: one /user/daily/activity/aggregated response of
// 90 days × 40 models × 100 keys per model per day (2,000 distinct keys), with api_key_breakdown under
// every model and an api_keys map per day. Deterministic: the same arguments give the same bytes.
//
//   desk-usage-gen OUT.json [--days 90] [--models 40] [--keys-per-model 100] [--keys 2000]

#include <QCoreApplication>
#include <QDate>
#include <QSaveFile>
#include <QStringList>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace {

quint64 mix(quint64 x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

struct Metrics {
    double spend = 0;
    qint64 prompt = 0, completion = 0, cacheRead = 0, successful = 0, failed = 0;
    void add(const Metrics &o) {
        spend += o.spend;
        prompt += o.prompt;
        completion += o.completion;
        cacheRead += o.cacheRead;
        successful += o.successful;
        failed += o.failed;
    }
};

void appendMetrics(std::string &out, const Metrics &m) {
    char buf[512];
    const int n = std::snprintf(buf, sizeof buf,
                                "{\"spend\":%.6f,\"prompt_tokens\":%lld,\"completion_tokens\":%lld,"
                                "\"cache_read_input_tokens\":%lld,\"cache_creation_input_tokens\":0,"
                                "\"total_tokens\":%lld,\"successful_requests\":%lld,\"failed_requests\":%lld,"
                                "\"api_requests\":%lld}",
                                m.spend, qlonglong(m.prompt), qlonglong(m.completion), qlonglong(m.cacheRead),
                                qlonglong(m.prompt + m.completion), qlonglong(m.successful),
                                qlonglong(m.failed), qlonglong(m.successful + m.failed));
    out.append(buf, size_t(n));
}

std::string keyHash(int k) {
    char buf[80];
    std::snprintf(buf, sizeof buf, "%016llx%016llx%016llx%016llx", qulonglong(mix(quint64(k) * 4 + 1)),
                  qulonglong(mix(quint64(k) * 4 + 2)), qulonglong(mix(quint64(k) * 4 + 3)),
                  qulonglong(mix(quint64(k) * 4 + 4)));
    return buf;
}

std::string keyMetadata(int k) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "{\"key_alias\":\"key-%04d\",\"team_id\":\"team-%02d\"}", k, k % 24);
    return buf;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int days = 90, models = 40, keysPerModel = 100, keys = 2000;
    QString out;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const auto next = [&] { return i + 1 < args.size() ? args.at(++i).toInt() : 0; };
        if (args.at(i) == u"--days")
            days = next();
        else if (args.at(i) == u"--models")
            models = next();
        else if (args.at(i) == u"--keys-per-model")
            keysPerModel = next();
        else if (args.at(i) == u"--keys")
            keys = next();
        else
            out = args.at(i);
    }
    if (out.isEmpty() || days <= 0 || models <= 0 || keysPerModel <= 0 || keys < keysPerModel) {
        std::fprintf(stderr,
                     "usage: desk-usage-gen OUT.json [--days 90] [--models 40] [--keys-per-model 100] "
                     "[--keys 2000]\n");
        return 2;
    }
    std::vector<std::string> hashes, metadata;
    for (int k = 0; k < keys; ++k) {
        hashes.push_back(keyHash(k));
        metadata.push_back(keyMetadata(k));
    }
    const char *providers[] = {"openai", "anthropic", "vertex_ai", "bedrock", "azure"};
    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(out));
        return 1;
    }
    const QDate last(2025, 3, 31);
    Metrics total;
    std::string s = "{\"results\":[";
    for (int d = 0; d < days; ++d) {
        std::map<int, Metrics> perKey;
        std::map<std::string, Metrics> perProvider;
        std::vector<Metrics> perModel(static_cast<size_t>(models), Metrics());
        std::string modelsJson;
        for (int m = 0; m < models; ++m) {
            std::string breakdown;
            for (int j = 0; j < keysPerModel; ++j) {
                const int k = (m * 2 + j + d * 23) % keys;
                const quint64 h = mix(quint64(d) << 40 ^ quint64(m) << 20 ^ quint64(k));
                Metrics x;
                x.successful = 1 + qint64(h % 40);
                x.failed = qint64((h >> 8) % 3);
                x.prompt = (x.successful + x.failed) * (300 + qint64((h >> 16) % 2000));
                x.completion = (x.successful + x.failed) * (50 + qint64((h >> 28) % 600));
                x.cacheRead = (h >> 40) % 4 == 0 ? x.prompt / 5 : 0;
                x.spend = double(qint64(double(x.prompt) * 2.5 + double(x.completion) * 10.0)) / 1e6;
                perKey[k].add(x);
                perModel[size_t(m)].add(x);
                breakdown += breakdown.empty() ? "\"" : ",\"";
                breakdown += hashes[size_t(k)] + "\":{\"metrics\":";
                appendMetrics(breakdown, x);
                breakdown += ",\"metadata\":" + metadata[size_t(k)] + '}';
            }
            perProvider[providers[m % 5]].add(perModel[size_t(m)]);
            modelsJson += modelsJson.empty() ? "\"" : ",\"";
            modelsJson += "model-" + std::to_string(m) + "\":{\"metrics\":";
            appendMetrics(modelsJson, perModel[size_t(m)]);
            modelsJson += ",\"metadata\":{},\"api_key_breakdown\":{" + breakdown + "}}";
        }
        Metrics day;
        for (const Metrics &m : perModel)
            day.add(m);
        total.add(day);
        s += d ? ",{\"date\":\"" : "{\"date\":\"";
        s += last.addDays(-d).toString(Qt::ISODate).toStdString() + "\",\"metrics\":";
        appendMetrics(s, day);
        s += ",\"breakdown\":{\"models\":{" + modelsJson + "},\"model_groups\":{";
        for (int m = 0; m < models; ++m) {
            s += (m ? ",\"group-" : "\"group-") + std::to_string(m) + "\":{\"metrics\":";
            appendMetrics(s, perModel[size_t(m)]);
            s += ",\"metadata\":{},\"api_key_breakdown\":{}}";
        }
        s += "},\"providers\":{";
        bool first = true;
        for (const auto &[name, m] : perProvider) {
            s += (first ? "\"" : ",\"") + name + "\":{\"metrics\":";
            first = false;
            appendMetrics(s, m);
            s += ",\"metadata\":{},\"api_key_breakdown\":{}}";
        }
        s += "},\"mcp_servers\":{},\"endpoints\":{},\"api_keys\":{";
        first = true;
        for (const auto &[k, m] : perKey) {
            s += (first ? "\"" : ",\"") + hashes[size_t(k)] + "\":{\"metrics\":";
            first = false;
            appendMetrics(s, m);
            s += ",\"metadata\":" + metadata[size_t(k)] + '}';
        }
        s += "},\"entities\":{}}}";
        file.write(s.data(), qint64(s.size()));
        s.clear();
    }
    s = "],\"metadata\":{\"total_spend\":";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f", total.spend);
    s += buf;
    s += ",\"page\":1,\"total_pages\":1,\"has_more\":false}}\n";
    file.write(s.data(), qint64(s.size()));
    if (!file.commit()) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(out));
        return 1;
    }
    std::printf("wrote %s: %d days, %d models, %d keys per model per day, %d keys; total spend %.6f\n",
                qPrintable(out), days, models, keysPerModel, keys, total.spend);
    return 0;
}
