/**
 * Implementation of the {@code contact} module: the DNS lookups ({@code Lookups}), the mail route
 * of a domain ({@code MailRoutes}), the DNS contact records ({@code ContactRecords}), the lab-only
 * SMTP probe ({@code SmtpProbe}) and the words ({@code ContactFindings}). Not API.
 */
@NullMarked
package org.dvinspector.contact.internal;

import org.jspecify.annotations.NullMarked;
