package org.cancerplan.plan;

import org.springframework.data.domain.Window;

/**
 * A page of a lead's caseload.
 *
 * @param plans the plans on the page
 * @param size how many plans the whole caseload holds
 */
public record CaseloadPage(Window<CancerPlan> plans, long size) {
}
