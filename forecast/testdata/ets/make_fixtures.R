# make_fixtures.R: reference figures from R's forecast package for the ETS
# and seasonal naive forecasts of package forecast (ets_r_test.go).
#
#   apt-get install -y r-cran-forecast      # Debian's R and forecast
#   cd forecast/testdata/ets && Rscript make_fixtures.R
#
# writes fixtures.json. It reads sample_revenue.csv (the sample organisation's
# monthly won revenue, exported from Go: see README).
#
# For every series it records
#   init:   forecast:::initstate for each trend/season form (the heuristic
#           starting states);
#   fixed:  ets(y, model, alpha = .3, beta = .05, gamma = .1, phi = .9): the
#           initial states R estimates with those parameters, and
#           forecast(): mean and 80%/95% limits. Go runs the same model,
#           parameters and initial states (NewETS) and compares to 1e-6.
#           "book" holds the means and variances of the textbook class
#           formulas (class1/class3 below, with R's two slips corrected);
#   fitted: ets(y, model): the estimated parameters and states, loglik,
#           AICc, and forecast means (Go's FitETS compares within 2%);
#   auto:   ets(y) with its defaults: the model chosen and its AICc;
#   snaive: snaive(y, h): mean and 80%/95% limits.
suppressMessages(library(forecast))
library(jsonlite)

rev <- read.csv("sample_revenue.csv")
sample_m <- ts(rev$revenue_usd, frequency = 12, start = c(2024, 2))
sample_q <- ts(colSums(matrix(rev$revenue_usd, nrow = 3)), frequency = 4, start = c(2024, 1))

series <- list(
  # monthly
  AirPassengers = AirPassengers,
  USAccDeaths = USAccDeaths,
  nottem = nottem,
  co2_1990 = window(co2, start = c(1990, 1)),
  ldeaths = ldeaths,
  mdeaths = mdeaths,
  fdeaths = fdeaths,
  UKDriverDeaths = UKDriverDeaths,
  Seatbelts_DriversKilled = Seatbelts[, "DriversKilled"],
  Seatbelts_front = Seatbelts[, "front"],
  Seatbelts_rear = Seatbelts[, "rear"],
  Seatbelts_VanKilled = Seatbelts[, "VanKilled"],
  wineind = wineind,
  sample_revenue_monthly = sample_m,
  # quarterly
  UKgas = UKgas,
  JohnsonJohnson = JohnsonJohnson,
  austres = austres,
  woolyrnq = woolyrnq,
  sample_revenue_quarterly = sample_q,
  # not seasonal
  lynx = lynx,
  Nile = Nile,
  Nile_diff = diff(Nile),
  LakeHuron = LakeHuron,
  LakeHuron_centred = LakeHuron - 579,
  WWWusage = WWWusage,
  BJsales = BJsales,
  airmiles = airmiles,
  discoveries = discoveries,
  uspop = uspop,
  treering_1830 = window(treering, start = 1830),
  sunspot_year_1900 = window(sunspot.year, start = 1900),
  nhtemp = nhtemp,
  lh = lh
)

fixed_par <- c(alpha = 0.3, beta = 0.05, gamma = 0.1, phi = 0.9)
levels <- c(80, 95)

models_for <- function(y) {
  m <- frequency(y)
  pos <- min(y) > 0
  ms <- c("ANN", "AAN", "AAdN")
  if (pos) ms <- c(ms, "MNN", "MAN", "MAdN")
  if (m > 1) {
    ms <- c(ms, "ANA", "AAA", "AAdA")
    if (pos) ms <- c(ms, "MNA", "MAA", "MAdA", "MNM", "MAM", "MAdM")
  }
  ms
}

split_model <- function(code) {
  damped <- nchar(code) == 4
  list(model = paste0(substr(code, 1, 2), substr(code, nchar(code), nchar(code))), damped = damped)
}

is_ets <- function(fit) inherits(fit, "ets") && !is.null(fit$loglik)  # not the HoltWinters fallback of short series

# The textbook class formulas: R's class1 with gamma on the first seasonal
# state, and class3 with the damped level-trend block [1 phi; 0 phi].
book_moments <- function(fit, h) {
  comp <- fit$components
  n <- length(fit$x)
  x <- fit$states[n + 1, ]
  p <- length(x)
  m <- fit$m
  par <- fit$par
  sigma2 <- fit$sigma2
  trend <- comp[2]; season <- comp[3]; damped <- as.logical(comp[4])
  phi <- if (damped) par["phi"] else 1
  if (season != "M") {
    H <- matrix(c(1, rep(0, p - 1)), nrow = 1)
    F <- matrix(0, p, p); F[1, 1] <- 1
    G <- matrix(0, p, 1); G[1, 1] <- par["alpha"]
    if (trend == "A") { H[1, 2] <- phi; F[1, 2] <- F[2, 2] <- phi; G[2, 1] <- par["beta"] }
    if (season == "A") {
      H[1, p] <- 1
      F[p - m + 1, p] <- 1
      F[(p - m + 2):p, (p - m + 1):(p - 1)] <- diag(m - 1)
      G[p - m + 1, 1] <- par["gamma"]
    }
    mu <- numeric(h); cj <- numeric(h); Fj <- diag(p)
    for (i in 1:h) {
      mu[i] <- H %*% Fj %*% x
      cj[i] <- H %*% Fj %*% G
      Fj <- Fj %*% F
    }
    v <- sigma2 * c(1, 1 + cumsum(cj^2))[1:h]
    if (comp[1] == "M") {
      theta <- numeric(h)
      theta[1] <- mu[1]^2
      if (h > 1) for (j in 2:h) theta[j] <- mu[j]^2 + sigma2 * sum(cj[1:(j - 1)]^2 * theta[(j - 1):1])
      v <- (1 + sigma2) * theta - mu^2
    }
    return(list(mu = mu, var = v))
  }
  k <- 1 + (trend != "N")
  H1 <- if (k == 1) matrix(1) else matrix(c(1, phi), nrow = 1)
  H2 <- matrix(c(rep(0, m - 1), 1), nrow = 1)
  if (k == 1) { F1 <- matrix(1); G1 <- matrix(par["alpha"]) } else {
    F1 <- rbind(c(1, phi), c(0, phi))
    G1 <- rbind(c(par["alpha"], par["alpha"] * phi), c(par["beta"], par["beta"] * phi))
  }
  F2 <- rbind(c(rep(0, m - 1), 1), cbind(diag(m - 1), rep(0, m - 1)))
  G2 <- matrix(0, m, m); G2[1, m] <- par["gamma"]
  Mh <- matrix(x[1:(p - m)]) %*% matrix(x[(p - m + 1):p], nrow = 1)
  Vh <- matrix(0, length(Mh), length(Mh))
  H21 <- H2 %x% H1; F21 <- F2 %x% F1; G21 <- G2 %x% G1
  K <- (G2 %x% F1) + (F2 %x% G1)
  mu <- v <- numeric(h)
  for (i in 1:h) {
    mu[i] <- H1 %*% Mh %*% t(H2)
    v[i] <- (1 + sigma2) * H21 %*% Vh %*% t(H21) + sigma2 * mu[i]^2
    vecMh <- c(Mh)
    Vh <- F21 %*% Vh %*% t(F21) + sigma2 * (F21 %*% Vh %*% t(G21) + G21 %*% Vh %*% t(F21) +
      K %*% (Vh + vecMh %*% t(vecMh)) %*% t(K) + sigma2 * G21 %*% (3 * Vh + 2 * vecMh %*% t(vecMh)) %*% t(G21))
    Mh <- F1 %*% Mh %*% t(F2) + G1 %*% Mh %*% t(G2) * sigma2
  }
  list(mu = mu, var = v)
}

limits <- function(fc) {
  list(lower80 = as.numeric(fc$lower[, 1]), upper80 = as.numeric(fc$upper[, 1]),
       lower95 = as.numeric(fc$lower[, 2]), upper95 = as.numeric(fc$upper[, 2]))
}

out <- list()
for (name in names(series)) {
  y <- series[[name]]
  if (frequency(y) < 1) y <- ts(as.numeric(y), start = 1, frequency = 1) # uspop: decennial
  m <- frequency(y)
  h <- if (m > 1) 2 * m else 8
  rec <- list(name = name, period = m, values = as.numeric(y), h = h)

  inits <- list()
  for (tt in c("N", "A")) for (ss in if (m > 1 && length(y) >= 2 * m) c("N", "A", "M") else "N") {
    if (ss == "M" && min(y) <= 0) next
    st <- forecast:::initstate(y, tt, ss)
    inits[[length(inits) + 1]] <- list(trend = tt, season = ss, state = I(as.numeric(st)))
  }
  rec$init <- inits

  fixed <- list(); fitted <- list()
  for (code in models_for(y)) {
    sm <- split_model(code)
    seasonal <- substr(sm$model, 3, 3) != "N"
    if (seasonal && length(y) < 2 * m) next
    args <- list(y = y, model = sm$model, damped = sm$damped, alpha = fixed_par[["alpha"]])
    if (substr(sm$model, 2, 2) != "N") args$beta <- fixed_par[["beta"]]
    if (seasonal) args$gamma <- fixed_par[["gamma"]]
    if (sm$damped) args$phi <- fixed_par[["phi"]]
    fit <- tryCatch(do.call(ets, args), error = function(e) NULL)
    if (!is.null(fit) && is_ets(fit)) {
      fc <- forecast(fit, h = h, level = levels)
      b <- book_moments(fit, h)
      fixed[[length(fixed) + 1]] <- c(list(model = code, par = as.list(fit$par[c("alpha", "beta", "gamma", "phi")[c("alpha", "beta", "gamma", "phi") %in% names(fit$par)]]),
        init = I(as.numeric(fit$initstate)), sigma2 = fit$sigma2, loglik = fit$loglik,
        mean = as.numeric(fc$mean), book_mean = b$mu, book_var = b$var), limits(fc))
    }
    fit <- tryCatch(ets(y, model = sm$model, damped = sm$damped), error = function(e) NULL)
    if (!is.null(fit) && is_ets(fit)) {
      fc <- forecast(fit, h = h, level = levels)
      pn <- c("alpha", "beta", "gamma", "phi")
      fitted[[length(fitted) + 1]] <- list(model = code, par = as.list(fit$par[pn[pn %in% names(fit$par)]]),
        init = I(as.numeric(fit$initstate)), loglik = fit$loglik, aicc = fit$aicc,
        sigma2 = fit$sigma2, mean = as.numeric(fc$mean))
    }
  }
  rec$fixed <- fixed
  rec$fitted <- fitted

  fit <- ets(y)
  comp <- fit$components
  rec$auto <- list(model = paste0(comp[1], comp[2], ifelse(comp[4] == "TRUE", "d", ""), comp[3]),
                   aicc = fit$aicc, loglik = fit$loglik)

  if (length(y) > m) {
    fc <- snaive(y, h = h, level = levels)
    rec$snaive <- c(list(mean = as.numeric(fc$mean)), limits(fc))
  }
  out[[length(out) + 1]] <- rec
  message(name, ": ", length(fixed), " fixed, ", length(fitted), " fitted, auto ", rec$auto$model)
}

doc <- list(
  generated_by = "make_fixtures.R",
  r_version = R.version.string,
  forecast_version = as.character(packageVersion("forecast")),
  fixed_par = as.list(fixed_par),
  series = out
)
write_json(doc, "fixtures.json", digits = NA, auto_unbox = TRUE, pretty = FALSE)
