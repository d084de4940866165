package org.datacollab.contracts.vocabulary;

/** The fixed categories of a challenge (seed 000 Tables 1 and 9): R regulatory, O organizational, D data-related. */
public enum ChallengeCategory {
    R, O, D
}
