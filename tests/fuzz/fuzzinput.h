// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// Every fuzz target in this directory implements this libFuzzer entry point. The same object file is
// linked either with libFuzzer (SMTPAUTH_FUZZ=ON, clang) or with fuzzregressiontest.cpp, which replays
// the seed corpus and every saved crash as an ordinary CTest test in the normal build.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace smtpauth::fuzz {

// Seeds are human-readable: a few header lines, then the payload. Splitting on '\n' rather than on
// fixed byte offsets keeps the corpus editable and lets the fuzzer mutate both parts independently.
// Returns `lineCount` leading lines (shorter when the input has fewer) and puts the rest in *rest.
inline QList<QByteArray> takeLines(QByteArrayView input, int lineCount, QByteArray *rest)
{
    QList<QByteArray> lines;
    qsizetype position = 0;
    while (lines.size() < lineCount) {
        const qsizetype newline = input.indexOf('\n', position);
        if (newline < 0)
            break;
        lines.append(input.sliced(position, newline - position).toByteArray());
        position = newline + 1;
    }
    *rest = input.sliced(position).toByteArray();
    while (lines.size() < lineCount)
        lines.append(QByteArray());
    return lines;
}

// A violated invariant must stop the run the same way a memory error does, in both builds:
// libFuzzer saves the input as a crash, the regression test dies and CTest reports it.
[[noreturn]] inline void invariantBroken(const char *what)
{
    fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
}

inline void require(bool condition, const char *what)
{
    if (!condition)
        invariantBroken(what);
}

} // namespace smtpauth::fuzz
