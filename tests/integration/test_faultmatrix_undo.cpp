// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Fault matrix (docs/testing.md, "Fault matrix"), the undo flow: a 200-change batch through ChangeApplier
// into a temporary journal (applied cleanly first, then undone), under every fault the emulator can produce.
// The rows and the checks (a clear cause on failure, a journal that agrees with the server, no write lost or
// doubled) are in tests/support/faultmatrix.h.
#include "faultmatrix.h"

using namespace smtpauth;
using namespace smtpauth::test;

class TestFaultMatrixUndo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void batchUnderFault_data()
    {
        // ~20 requests read the 200 targets before any write: let 25 through so the faults hit the writes.
        addFaultRows(25, false);
    }

    void batchUnderFault()
    {
        QFETCH(FaultCase, fault);
        runBatchUnderFault(fault, true);
    }
};

QTEST_GUILESS_MAIN(TestFaultMatrixUndo)
#include "test_faultmatrix_undo.moc"
