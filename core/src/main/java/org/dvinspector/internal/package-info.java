/** Implementation of the inspector engine. Not API: may change in any release. */
@NullMarked
package org.dvinspector.internal;

import org.jspecify.annotations.NullMarked;
