"""Body mass from caliper measurements. The steps are in penguin_mass.steps."""
