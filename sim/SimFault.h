#pragma once

#include <QString>

#include <optional>

// A fault the simulator injects into the answers of matching paths.
struct SimFault {
    enum class Kind {
        Delay,         // answer after `arg` ms
        Hang,          // never answer (the connection stays open)
        Drop,          // close the connection without an answer
        Truncate,      // send half the body, promising all of it, then close
        BadJson,       // send half the body as a complete answer: unparseable JSON
        WrongTypes,    // numbers and booleans arrive as strings (a client must tolerate this)
        WrongShape,    // arrays arrive as strings (a client must report this)
        Status,        // answer with status `arg` and LiteLLM's error envelope
        EndlessPaging, // paged routes claim there is always another page
        Huge, // the answer padded with spaces to `arg` MiB (default 80): more than a client should hold
    };

    QString path; // exact path, a prefix ending in '*', or "*" for every path
    Kind kind = Kind::Status;
    int arg = 0;    // ms for Delay, the status for Status, MiB for Huge
    int times = -1; // how many requests it applies to; -1 = until cleared

    bool matches(const QString &requestPath) const;

    // "PATH=KIND[:ARG][xTIMES]", e.g. "/key/list=status:500", "/v2/model/info=delay:2000x1", "*=drop".
    static std::optional<SimFault> parse(const QString &spec, QString *why = nullptr);
    static QString kindNames();
};
