#include "exchangelogging.h"

namespace smtpauth {

Q_LOGGING_CATEGORY(lcExchange, "smtpauth.exchange")

} // namespace smtpauth
