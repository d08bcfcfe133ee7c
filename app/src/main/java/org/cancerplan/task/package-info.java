/**
 * Tasks: the neighbourhood lead's worklist and the care team's queue. Tasks are raised by
 * what happens to a plan (a summary with no lead, a follow-up request, a concern in an
 * assessment), follow the plan's lead, and change only through {@link Task}.
 */
package org.cancerplan.task;
