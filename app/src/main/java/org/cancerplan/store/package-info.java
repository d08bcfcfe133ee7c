/**
 * Where the data lives: the embedded MongoDB wire-protocol server when no MongoDB URI is
 * configured.
 */
package org.cancerplan.store;
