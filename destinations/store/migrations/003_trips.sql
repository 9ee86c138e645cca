-- 003: trip requests.  A trip keeps the whole decision answer it was
-- filed under (policy and factor set named inside), so that it reads the
-- same after the policy changes; the columns beside it are what lists,
-- filters and reports need.  A trip is filed "pending" and decided once:
-- approved or rejected, with who, when and a note.  Trips are never
-- deleted, so a reference (TR-<year of departure>-<6-digit sequence>) is
-- never reused.
--
-- CO2 figures are integer hundredths of a kg CO2e (x100), so that sums in
-- reports are exact and groups add up to the total.

CREATE TABLE trips (
	id			INTEGER PRIMARY KEY,
	-- "TR-2027-000001": the year of departure and its sequence.
	reference		TEXT NOT NULL UNIQUE
				CHECK (reference =
				    printf('TR-%04d-%06d', year, seq)),
	year			INTEGER NOT NULL
				CHECK (year BETWEEN 1900 AND 9999),
	seq			INTEGER NOT NULL
				CHECK (seq BETWEEN 1 AND 999999),
	status			TEXT NOT NULL DEFAULT 'pending'
				CHECK (status IN ('pending', 'approved',
				    'rejected')),
	compliant		INTEGER NOT NULL CHECK (compliant IN (0, 1)),
	created_at		TEXT NOT NULL,
	created_by		TEXT NOT NULL CHECK (length(created_by) > 0),
	traveller_name		TEXT NOT NULL
				CHECK (length(traveller_name) > 0),
	traveller_email		TEXT NOT NULL
				CHECK (traveller_email LIKE '%_@_%._%'),
	department		TEXT NOT NULL CHECK (length(department) > 0),
	-- The list id, or NULL for a place given by coordinates.
	destination_id		TEXT,
	destination_name	TEXT NOT NULL,
	country			TEXT NOT NULL
				CHECK (length(country) = 2
				    AND country NOT GLOB '*[^A-Z]*'),
	departure_date		TEXT NOT NULL,
	return_date		TEXT NOT NULL,
	travellers		INTEGER NOT NULL CHECK (travellers >= 1),
	chosen_mode		TEXT NOT NULL
				CHECK (chosen_mode IN ('train', 'plane', 'car',
				    'coach')),
	ruled_mode		TEXT NOT NULL
				CHECK (ruled_mode IN ('train', 'plane', 'car',
				    'coach')),
	strength		TEXT NOT NULL
				CHECK (strength IN ('free', 'recommended',
				    'mandatory')),
	exception_reason	TEXT
				CHECK (exception_reason IS NULL OR
				    exception_reason IN ('medical',
				    'care_duties', 'urgent', 'equipment',
				    'other')),
	exception_text		TEXT,
	justification		TEXT,
	co2e_chosen_x100	INTEGER NOT NULL CHECK (co2e_chosen_x100 >= 0),
	co2e_ruled_x100		INTEGER NOT NULL CHECK (co2e_ruled_x100 >= 0),
	co2e_plane_x100		INTEGER NOT NULL CHECK (co2e_plane_x100 >= 0),
	policy_version		INTEGER NOT NULL,
	factor_set		TEXT NOT NULL,
	decision		TEXT NOT NULL CHECK (json_valid(decision)),
	approval_decision	TEXT
				CHECK (approval_decision IS NULL OR
				    approval_decision IN ('approve', 'reject')),
	approval_note		TEXT,
	approval_by		TEXT,
	approval_at		TEXT,
	UNIQUE (year, seq),
	CHECK (return_date >= departure_date),
	CHECK ((status = 'pending') = (approval_decision IS NULL)),
	CHECK (status = 'pending' OR (approval_by IS NOT NULL
	    AND approval_at IS NOT NULL)),
	CHECK (status <> 'approved' OR approval_decision = 'approve'),
	CHECK (status <> 'rejected' OR approval_decision = 'reject'),
	CHECK (compliant = 1 OR exception_reason IS NOT NULL)
) STRICT;

CREATE INDEX trips_departure ON trips (departure_date);
CREATE INDEX trips_status ON trips (status, departure_date);
CREATE INDEX trips_department ON trips (department, departure_date);
