/**
 * The DNS transport the inspector owns: UDP with reply matching (RFC 5452 §9.1), TCP on
 * truncation (RFC 7766 §5) with connections closed when their question is done, EDNS with the
 * RFC 6891 §7 fallback, and attempt timers kept on the I/O thread so that no queue of the
 * inspector's own can stretch an exchange.
 */
@NullMarked
package org.dvinspector.dns.internal.transport;

import org.jspecify.annotations.NullMarked;
