/**
 * The local mode (profile {@code local}): embedded authorization server with demo
 * identities, demo data, banner.
 */
package org.cancerplan.local;
