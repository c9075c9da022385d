#pragma once

#include <QString>

// An amount in US dollars as the app shows it: "$1,234.56", "-$3.20"; amounts under a cent keep four
// decimals ("$0.0042") so that cheap calls do not read as free.
QString formatUsd(double usd);
