// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

class QTableView;

namespace smtpauth {

// The settings every 100k-row table of the window shares: whole-row extended selection, sorting with the
// indicator set before sorting is switched on (one sort instead of two), and fixed, font-sized rows so
// that the view never measures every row.
void configureLargeTable(QTableView *view, int sortColumn);

} // namespace smtpauth
