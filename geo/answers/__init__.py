"""What the app says about a place, a station, a view or a tour, built from the model."""
