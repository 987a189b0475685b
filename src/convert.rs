//! Convert: drives the pipeline for one input and for batches.
