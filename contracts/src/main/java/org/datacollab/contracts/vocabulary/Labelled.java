package org.datacollab.contracts.vocabulary;

import java.util.List;

/**
 * A catalogue vocabulary (catalogue.md): each value has the labels GovLab's catalogue writes for it, the
 * first of which is written on export. Reading a label is catalogue.md's rule, implemented in catalogue-rules.
 */
public interface Labelled {

    /** GovLab's labels for this value; the first is the one written on export. */
    List<String> labels();

    /** The label written on export. */
    default String label() {
        return labels().getFirst();
    }
}
