# Reference output of R's sna::brokerage for diplonet's tests: raw counts, expected values,
# standard deviations and z-scores per node (raw.nli, exp.nli, sd.nli, z.nli) on the Strike
# network (undirected, entered as a symmetric digraph, as sna expects) and on the directed toy.
# Run with Debian's r-base-core and r-cran-sna (2.7-1):
#   Rscript tests/data/oracles/sna_brokerage_reference.R tests/data/oracles
suppressMessages(library(sna))
dir <- commandArgs(trailingOnly = TRUE)[1]
run <- function(edges, groups, directed, out) {
  e <- read.csv(file.path(dir, edges), stringsAsFactors = FALSE)
  g <- read.csv(file.path(dir, groups), stringsAsFactors = FALSE)
  nodes <- g$node
  m <- matrix(0, length(nodes), length(nodes), dimnames = list(nodes, nodes))
  for (i in seq_len(nrow(e))) {
    m[e$source[i], e$target[i]] <- 1
    if (!directed) m[e$target[i], e$source[i]] <- 1
  }
  b <- brokerage(m, g$group)
  cols <- c("w_I", "w_O", "b_IO", "b_OI", "b_O", "t")
  res <- data.frame(node = nodes)
  for (what in c("raw.nli", "exp.nli", "sd.nli", "z.nli")) {
    for (c in cols) res[[paste(what, c, sep = ":")]] <- b[[what]][, c]
  }
  write.csv(res, file.path(dir, out), row.names = FALSE)
}
run("strike_michael1997.csv", "strike_michael1997_groups.csv", FALSE, "strike_sna_brokerage_moments.csv")
run("brokerage_toy_directed.csv", "brokerage_toy_directed_groups.csv", TRUE, "toy_sna_brokerage_moments.csv")
