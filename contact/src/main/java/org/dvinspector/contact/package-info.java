/**
 * The {@code contact} module: whether an e-mail or phone validation (BR 3.2.2.4.4, .13, .14, .15,
 * .16, .17) could reach a contact, seen from every authoritative nameserver ({@link
 * org.dvinspector.contact.ContactModule}).
 */
@NullMarked
package org.dvinspector.contact;

import org.jspecify.annotations.NullMarked;
