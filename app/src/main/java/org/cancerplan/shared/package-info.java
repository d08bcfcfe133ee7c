/**
 * Small value types every feature speaks: NHS numbers and user errors.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.cancerplan.shared;
