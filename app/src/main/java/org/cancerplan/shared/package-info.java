/**
 * Small value types every feature speaks: NHS numbers and user errors.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package org.cancerplan.shared;

import org.springframework.modulith.ApplicationModule;
