package org.cancerplan.admin;

/** Marks a bean whose {@code @Command} methods are admin shell commands. */
public interface CommandSet {

}
