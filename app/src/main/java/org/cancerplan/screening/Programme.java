package org.cancerplan.screening;

/**
 * The NHS cancer screening programmes. Bowel screening is a home test kit, the others an
 * appointment.
 */
public enum Programme {

    BOWEL, BREAST, CERVICAL, LUNG;

    boolean usesHomeKit() {
        return this == BOWEL;
    }

}
