/**
 * The admin shell (profile {@code admin}): support operations on the same services and
 * rules as the API, run as a support caller named after the operator, every read or
 * change of patient data audited.
 */
package org.cancerplan.admin;
