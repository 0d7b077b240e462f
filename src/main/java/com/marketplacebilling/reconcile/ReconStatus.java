package com.marketplacebilling.reconcile;

/** The Status column of reconciliation.csv. */
public enum ReconStatus { MATCHED, AMOUNT_DIFFERS, ONLY_MICROSOFT, ONLY_OURS, SET_ASIDE }
