/** The public API baseline check. */
@NullMarked
package org.dvinspector.api;

import org.jspecify.annotations.NullMarked;
